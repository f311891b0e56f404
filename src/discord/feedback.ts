/**
 * The Helpful / Not helpful buttons under every answer, and what a click does. The button's custom
 * id carries the answer's id in the database (`feedback:<id>:helpful`), so a click works after the
 * bot restarts: nothing about the answer is kept in memory. A click is acknowledged privately, to
 * the member who clicked; the message stays as it is for everyone else.
 */
import { ButtonStyle, ComponentType, MessageFlags, type APIActionRowComponent, type APIComponentInMessageActionRow, type ButtonInteraction } from 'discord.js';
import type { BotContext } from './context.ts';
import { describeError } from './errors.ts';
import { NO_MENTIONS } from './replies.ts';

const PREFIX = 'feedback';

export interface FeedbackClick {
  answerId: number;
  helpful: boolean;
}

export function feedbackCustomId(answerId: number, helpful: boolean): string {
  return `${PREFIX}:${answerId}:${helpful ? 'helpful' : 'unhelpful'}`;
}

/** The click a custom id stands for, or undefined when it is not one of the feedback buttons. */
export function parseFeedbackCustomId(customId: string): FeedbackClick | undefined {
  const match = /^feedback:(\d{1,15}):(helpful|unhelpful)$/.exec(customId);
  if (!match) return undefined;
  return { answerId: Number(match[1]), helpful: match[2] === 'helpful' };
}

/** The row of two buttons for an answer stored under `answerId`. */
export function feedbackRow(answerId: number): APIActionRowComponent<APIComponentInMessageActionRow> {
  return {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Helpful', emoji: { name: '👍' }, custom_id: feedbackCustomId(answerId, true) },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Not helpful', emoji: { name: '👎' }, custom_id: feedbackCustomId(answerId, false) },
    ],
  };
}

function acknowledgement(outcome: ReturnType<BotContext['stats']['vote']>, helpful: boolean): string {
  const verdict = helpful ? 'helpful' : 'not helpful';
  switch (outcome) {
    case 'recorded':
      return `Thanks, your vote is recorded: ${verdict}. Click the other button to change it.`;
    case 'changed':
      return `Your vote is changed to: ${verdict}.`;
    case 'unchanged':
      return `You already said this answer was ${verdict}.`;
    case 'unknown-answer':
      return 'This answer is no longer in the records (it is older than the retention period), so the vote was not stored.';
    case 'not-stored':
      return 'Thanks. Feedback is not being recorded on this server right now, so the vote was not stored.';
  }
}

/** Records a click on a feedback button and tells the member, privately. */
export async function handleFeedbackClick(interaction: ButtonInteraction, click: FeedbackClick, context: BotContext): Promise<void> {
  const outcome = context.stats.vote(click.answerId, interaction.user.id, click.helpful);
  context.logger.info('feedback', { answerId: click.answerId, helpful: click.helpful, outcome });
  try {
    await interaction.reply({ content: acknowledgement(outcome, click.helpful), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
  } catch (error) {
    context.logger.warn('could not acknowledge a feedback click', { answerId: click.answerId, error: describeError(error) });
  }
}
