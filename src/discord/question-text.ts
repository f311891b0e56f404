/**
 * Turning a Discord message or option into a question: is the bot mentioned, and what is left once
 * mentions, custom emoji and other Discord markup are stripped. Pure, unit-tested.
 */

export interface BotIdentity {
  /** The bot's user id. */
  userId: string;
  /** The bot's managed role(s) in the guild the message came from (mentioning one counts). */
  roleIds?: readonly string[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function botMentionPattern(bot: BotIdentity): RegExp {
  const roles = (bot.roleIds ?? []).filter((id) => /^\d+$/.test(id)).map(escapeRegExp);
  const parts = [`<@!?${escapeRegExp(bot.userId)}>`];
  if (roles.length > 0) parts.push(`<@&(?:${roles.join('|')})>`);
  return new RegExp(parts.join('|'), 'g');
}

/**
 * True when the text mentions the bot directly: `<@id>`, `<@!id>`, or its managed role
 * `<@&roleId>`. `@everyone`, `@here` and reply pings do not count.
 */
export function mentionsBot(content: string, bot: BotIdentity): boolean {
  return botMentionPattern(bot).test(content);
}

/** Discord markup that carries no words to search for. */
const MARKUP = [
  /<@[!&]?\d+>/g, // user and role mentions
  /<#\d+>/g, // channel mentions
  /<a?:[\w~-]+:\d+>/g, // custom emoji
  /<\/[^:<>]+:\d+>/g, // slash command mentions
  /<t:-?\d+(?::[tTdDfFR])?>/g, // timestamps
  /<id:[\w-]+>/g, // guild navigation
  /@(?:everyone|here)\b/g,
];

/** A masked link `[label](target)` (or `(<target>)`): its label is words, its target is not. */
const MASKED_LINK = /\[([^\]\n]*)\]\(<?[a-z][\w+.-]*:[^)\s]*>?\)/giu;
/** A bare or `<…>`-wrapped URL: no words to search for. */
const URL = /<?\bhttps?:\/\/[^\s>]+>?/giu;

/**
 * The question in a message or option: the bot's mention removed, then every other mention,
 * custom emoji, timestamp and `@everyone`/`@here` removed, masked links reduced to their label and
 * URLs removed (their host and path words would only dilute the search), whitespace folded. What
 * remains is checked by `validateQuestion` (so `<@bot> 🎉🎉` becomes "🎉🎉" and is refused as wordless).
 */
export function cleanQuestionText(content: string, bot?: BotIdentity): string {
  let text = bot ? content.replace(botMentionPattern(bot), ' ') : content;
  for (const pattern of MARKUP) text = text.replace(pattern, ' ');
  text = text.replace(MASKED_LINK, ' $1 ').replace(URL, ' ');
  return text.replace(/\s+/g, ' ').trim();
}
