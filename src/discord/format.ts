/**
 * Everything the bot says, as plain reply payloads (content + embeds), built without touching
 * Discord: pure functions, unit-tested. Document text is escaped with discord.js `escapeMarkdown`
 * and every Discord length limit is respected by cutting at sentence boundaries, then at words
 * (with `…`), then anywhere.
 */
import { formatExcerptBody } from './excerpt-body.ts';
import { escapeMarkdown, type APIActionRowComponent, type APIComponentInMessageActionRow, type APIEmbed, type APIEmbedField } from 'discord.js';
import type { Answer, Excerpt, Summary } from '../search/types.ts';
import type { IndexInfo, ReindexProgress, ReindexReport, SourceInfo } from '../service/document-qa.ts';
import { citationUrl, neutraliseMaskedLinks, suppressUnfurling } from './links.ts';

/** Discord's documented limits, in characters. */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  embedTotal: 6000,
  fields: 25,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** The bot's embed colour (Discord blurple). */
const COLOR = 0x5865f2;
const WARNING_COLOR = 0xfee75c;

export interface ReplyPayload {
  content?: string;
  embeds?: APIEmbed[];
  /** Rows of buttons (the feedback buttons under an answer). */
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

const SENTENCE_END = /[.!?。！？…]/u;
const CLOSERS = /["'”’)\]»]/u;

/** Index just past a code point boundary at or before `index` (never splits a surrogate pair). */
function safeIndex(text: string, index: number): number {
  if (index <= 0) return 0;
  if (index >= text.length) return text.length;
  const code = text.charCodeAt(index - 1);
  return code >= 0xd800 && code <= 0xdbff ? index - 1 : index;
}

/**
 * Shortens `text` to at most `max` characters: at the last sentence end that keeps at least 40%
 * of the room, else at the last word boundary with `…`, else hard with `…`.
 */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max === 1) return '…';
  const minimum = Math.floor(max * 0.4);
  // A sentence end inside the window, followed by whitespace (or a closing quote then whitespace).
  for (let i = Math.min(max, text.length) - 1; i >= minimum; i -= 1) {
    if (!SENTENCE_END.test(text[i] ?? '')) continue;
    let end = i + 1;
    while (end < text.length && end < max && CLOSERS.test(text[end] ?? '')) end += 1;
    const next = text[end];
    if (next === undefined || /\s/u.test(next)) return text.slice(0, end).trimEnd();
  }
  const room = max - 1;
  const window = text.slice(0, safeIndex(text, room + 1));
  const space = window.search(/\s\S*$/u);
  if (space >= Math.floor(room * 0.4)) return `${window.slice(0, space).trimEnd()}…`;
  return `${text.slice(0, safeIndex(text, room)).trimEnd()}…`;
}

/**
 * Escapes Discord markdown in document or user text, including headings and lists; no masked link
 * survives (`links.ts`: escapeMarkdown's own masked-link escape misses all but the first of a
 * line) and bare URLs are wrapped in `<…>` so they do not unfurl.
 */
export function escapeText(text: string): string {
  // escapeMarkdown escapes backslashes first, so the brackets' escapes added after it hold.
  const escaped = escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: false });
  return suppressUnfurling(neutraliseMaskedLinks(escaped));
}

/**
 * Escapes `raw` and shortens it to `max` characters. Cuts the raw text (never the escaped one), so
 * an escape sequence is never split.
 */
export function escapeAndCut(raw: string, max: number): string {
  let budget = max;
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const escaped = escapeText(cut(raw, budget));
    if (escaped.length <= max) return escaped;
    budget -= Math.max(1, escaped.length - max);
    if (budget <= 0) break;
  }
  return '…'.slice(0, max);
}

/** The characters Discord counts toward the 6,000 total of one embed. */
export function embedLength(embed: APIEmbed): number {
  let total = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  total += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total;
}

/**
 * Makes any embed valid: each part cut to its own limit, at most 25 fields, and the total under
 * 6,000 by shortening the longest parts (description and field values) first.
 */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const fitted: APIEmbed = { ...embed };
  if (fitted.title !== undefined) fitted.title = cut(fitted.title, LIMITS.embedTitle);
  if (fitted.description !== undefined) fitted.description = cut(fitted.description, LIMITS.embedDescription);
  if (fitted.footer) fitted.footer = { ...fitted.footer, text: cut(fitted.footer.text, LIMITS.footer) };
  if (fitted.author) fitted.author = { ...fitted.author, name: cut(fitted.author.name, LIMITS.authorName) };
  if (fitted.fields) {
    fitted.fields = fitted.fields.slice(0, LIMITS.fields).map((field) => ({
      ...field,
      name: cut(field.name, LIMITS.fieldName) || '\u200b',
      value: cut(field.value, LIMITS.fieldValue) || '\u200b',
    }));
  }
  for (let guard = 0; guard < 200 && embedLength(fitted) > LIMITS.embedTotal; guard += 1) {
    const excess = embedLength(fitted) - LIMITS.embedTotal;
    // The longest shrinkable part gives up what is needed (but keeps at least 40 characters).
    const parts: { length: number; shrink: (to: number) => void }[] = [];
    if (fitted.description) {
      parts.push({ length: fitted.description.length, shrink: (to) => (fitted.description = cut(fitted.description ?? '', to)) });
    }
    (fitted.fields ?? []).forEach((field, index) => {
      parts.push({
        length: field.value.length,
        shrink: (to) => {
          const fields = fitted.fields ?? [];
          fields[index] = { ...field, value: cut(field.value, to) || '\u200b' };
        },
      });
    });
    parts.sort((a, b) => b.length - a.length);
    const longest = parts[0];
    if (longest && longest.length > 40) {
      longest.shrink(Math.max(40, longest.length - excess));
    } else if (fitted.fields && fitted.fields.length > 0) {
      fitted.fields = fitted.fields.slice(0, -1);
    } else if (fitted.title && fitted.title.length > 40) {
      fitted.title = cut(fitted.title, Math.max(40, fitted.title.length - excess));
    } else {
      break;
    }
  }
  return fitted;
}

/** A content string within Discord's 2,000 characters. */
export function fitContent(text: string): string {
  return cut(text, LIMITS.content);
}

function describeMode(mode: string): string {
  switch (mode) {
    case 'hybrid':
      return 'hybrid (BM25 + embeddings)';
    case 'lexical':
      return 'lexical (BM25 only, no embedding model)';
    case 'dense':
      return 'dense (embeddings only)';
    default:
      return mode;
  }
}

/**
 * `source, location`, as a link to the document when its metadata gives a URL (the only place a
 * link in an answer can come from); `<…>` around the target keeps Discord from adding a preview.
 */
export function formatCitation(excerpt: Pick<Excerpt, 'source' | 'location' | 'url'>): string {
  const text = `${escapeAndCut(excerpt.source, 300)}, ${escapeAndCut(excerpt.location, 100)}`;
  const url = citationUrl(excerpt.url);
  return url && url.length <= 500 ? `[${text}](<${url}>)` : text;
}

/** Formats the numbered, cited excerpts of an answer; a declined answer shows its message. */
export function formatAnswer(answer: Answer): ReplyPayload {
  if (!answer.answered || answer.excerpts.length === 0) {
    const message = answer.message ?? 'I could not find anything about that in the documents.';
    return { content: fitContent(escapeText(message)) };
  }
  const fields: APIEmbedField[] = answer.excerpts.slice(0, LIMITS.fields).map((excerpt, index) => {
    const citation = `— ${formatCitation(excerpt)}`;
    const room = LIMITS.fieldValue - citation.length - 3;
    return {
      name: `${index + 1}. ${escapeAndCut(excerpt.title || excerpt.source, LIMITS.fieldName - 8)}`,
      value: `${formatExcerptBody(excerpt, room)}\n${citation}`,
    };
  });
  const count = fields.length;
  const embed = fitEmbed({
    title: escapeAndCut(answer.question, LIMITS.embedTitle),
    color: COLOR,
    fields,
    footer: { text: `Search mode: ${describeMode(answer.mode)} · ${count} excerpt${count === 1 ? '' : 's'}` },
  });
  return { embeds: [embed] };
}

/** Lines that fit `max` characters together, ending with "…and N more" when some do not. */
export function fitLines(lines: string[], max: number, more: (n: number) => string = (n) => `…and ${n} more`): string {
  const all = lines.join('\n');
  if (all.length <= max) return all;
  const kept: string[] = [];
  let used = 0; // length of kept.join('\n')
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    const separator = kept.length > 0 ? 1 : 0;
    const rest = lines.length - i - 1;
    const reserve = rest > 0 ? more(rest).length + 1 : 0;
    if (used + separator + line.length + reserve <= max) {
      kept.push(line);
      used += separator + line.length;
      continue;
    }
    // This line does not fit: keep a shortened copy when there is real room, then say how many are left.
    const room = max - used - separator - reserve;
    if (room >= 40) {
      kept.push(cut(line, room));
      if (rest > 0) kept.push(more(rest));
    } else {
      kept.push(more(rest + 1));
    }
    break;
  }
  return cut(kept.join('\n'), max);
}

/** Formats a summary: numbered verbatim sentences with their citations. */
export function formatSummary(summary: Summary, documents: SourceInfo[] = []): ReplyPayload {
  const doc = summary.source === undefined ? undefined : documents.find((d) => d.source === summary.source);
  const name = summary.source === undefined ? 'all documents' : doc?.title || summary.source;
  if (summary.sentences.length === 0) {
    return { content: fitContent(`There is nothing to summarise in ${escapeText(name)} yet.`) };
  }
  const count = summary.sentences.length;
  const perSentence = Math.floor(LIMITS.embedDescription / count) - 8;
  const lines = summary.sentences.map((sentence, index) => {
    const citation = ` — *${escapeAndCut(sentence.source, 200)}, ${escapeAndCut(sentence.location, 60)}*`;
    return `${index + 1}. ${escapeAndCut(sentence.text, Math.max(40, perSentence - citation.length))}${citation}`;
  });
  const embed = fitEmbed({
    title: `Summary of ${escapeAndCut(name, LIMITS.embedTitle - 12)}`,
    color: COLOR,
    description: fitLines(lines, LIMITS.embedDescription),
    footer: { text: 'Verbatim sentences from the documents, in document order' },
  });
  return { embeds: [embed] };
}

/** A Discord timestamp that each reader sees in their own time zone, relative: `<t:…:R>`. */
export function relativeTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return escapeText(iso);
  return `<t:${Math.floor(ms / 1000)}:R>`;
}

/** Formats `/sources`: the documents, their passage counts, the index mode and build time. */
export function formatSources(info: IndexInfo): ReplyPayload {
  const documents = [...info.documents].sort((a, b) => a.source.localeCompare(b.source));
  const lines = documents.map((doc) => {
    const title = doc.title && doc.title !== doc.source ? `**${escapeAndCut(doc.title, 200)}** — ` : '';
    return `• ${title}${escapeAndCut(doc.source, 200)} · ${doc.passages} passage${doc.passages === 1 ? '' : 's'}`;
  });
  const fields: APIEmbedField[] = [
    { name: 'Mode', value: escapeAndCut(describeMode(info.mode), 200), inline: true },
    { name: 'Passages', value: String(info.passages), inline: true },
    { name: 'Built', value: relativeTime(info.builtAt), inline: true },
  ];
  if (info.model) fields.push({ name: 'Embedding model', value: escapeAndCut(info.model, 200), inline: true });
  if (info.modelWarning) fields.push({ name: 'Why word matching only', value: escapeAndCut(info.modelWarning, 1000) });
  if (info.skipped.length > 0) {
    fields.push({ name: 'Skipped files', value: String(info.skipped.length), inline: true });
  }
  const embed = fitEmbed({
    title: `Indexed documents (${documents.length})`,
    color: COLOR,
    description: lines.length > 0 ? fitLines(lines, LIMITS.embedDescription) : 'No documents are indexed yet.',
    fields,
  });
  return { embeds: [embed] };
}

const PHASES: Record<ReindexProgress['phase'], string> = {
  reading: 'Reading documents',
  splitting: 'Splitting documents into passages',
  indexing: 'Indexing words',
  embedding: 'Embedding passages',
  summarizing: 'Summarising',
  writing: 'Writing the index',
  done: 'Finishing',
};

/** One line of `/reindex` progress, shown by editing the deferred reply. */
export function formatReindexProgress(progress: ReindexProgress | undefined): string {
  if (!progress) return '🔄 Rebuilding the index… starting.';
  const label = PHASES[progress.phase] ?? progress.phase;
  const counts =
    progress.total > 0
      ? ` ${progress.done}/${progress.total} (${Math.min(100, Math.floor((progress.done / progress.total) * 100))}%)`
      : '';
  return fitContent(`🔄 Rebuilding the index… ${label}${counts}. Questions are still answered from the current index.`);
}

/** A duration for people: `850 ms`, `12.3 s`, `2 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return `${minutes} min ${seconds} s`;
}

/** The final `/reindex` report: counts, mode, duration and the skipped files with reasons. */
export function formatReindexReport(report: ReindexReport): ReplyPayload {
  const fields: APIEmbedField[] = [
    { name: 'Documents', value: String(report.documents), inline: true },
    { name: 'Passages', value: String(report.passages), inline: true },
    { name: 'Mode', value: describeMode(report.mode), inline: true },
    { name: 'Duration', value: formatDuration(report.durationMs), inline: true },
  ];
  if (report.skipped.length > 0) {
    const lines = report.skipped.map((file) => `• ${escapeAndCut(file.source, 200)} — ${escapeAndCut(file.reason, 300)}`);
    fields.push({ name: `Skipped files (${report.skipped.length})`, value: fitLines(lines, LIMITS.fieldValue) });
  }
  if (report.indexWarning) {
    fields.push({ name: 'Not saved (kept in memory)', value: escapeAndCut(report.indexWarning, LIMITS.fieldValue) });
  }
  if (report.modelWarning) {
    fields.push({ name: 'No vector index', value: escapeAndCut(report.modelWarning, LIMITS.fieldValue) });
  }
  const embed = fitEmbed({
    title: '✅ Index rebuilt',
    color: report.skipped.length > 0 || report.modelWarning || report.indexWarning ? WARNING_COLOR : COLOR,
    fields,
  });
  return { content: '', embeds: [embed] };
}

/** The cooldown reply. */
export function formatCooldown(retryAfterSeconds: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return `Please wait ${seconds} s before asking another question.`;
}

/** What a user sees when a handler fails; the details go to the log. */
export const ERROR_MESSAGE = 'Sorry, something went wrong while handling that. The problem was logged; please try again in a moment.';
