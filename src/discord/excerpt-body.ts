/**
 * The body of one excerpt in a reply, shaped by what it is: prose and table rows as quoted text,
 * list items as bullets (indented by depth), code as a fenced code block with its line breaks.
 * Document text is escaped; code inside a fence needs no escaping, only its own fences broken.
 */
import type { Excerpt, ExcerptPart } from '../search/types.ts';
import { escapeAndCut } from './format.ts';

/** A fence inside code would close the block early: a zero-width space keeps it literal. */
function guardFence(code: string): string {
  return code.replace(/```/g, '`\u200b``');
}

/** Characters a fenced block adds around its code: "```lang\n" and "\n```". */
function fenceOverhead(language: string): number {
  return 3 + language.length + 1 + 4;
}

/** Whole lines of `code` that fit in `max` characters, with `…` on its own line when some are left out. */
function fitCode(code: string, max: number): string {
  if (code.length <= max) return code;
  const lines = code.split('\n');
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    if (used + line.length + 1 > max - 2) break;
    kept.push(line);
    used += line.length + 1;
  }
  if (kept.length === 0) return `${code.slice(0, Math.max(0, max - 1))}…`;
  return `${kept.join('\n')}\n…`;
}

function partLine(part: ExcerptPart, room: number): string {
  if (part.kind === 'list-item') {
    const prefix = `> ${'\u2003'.repeat(part.depth ?? 0)}• `;
    return `${prefix}${escapeAndCut(part.text, room - prefix.length)}`;
  }
  return `> ${escapeAndCut(part.text, room - 2)}`;
}

/** The excerpt as Discord markdown in at most `max` characters. */
export function formatExcerptBody(excerpt: Excerpt, max: number): string {
  const parts = excerpt.parts?.length ? excerpt.parts : [{ kind: 'paragraph' as const, text: excerpt.text }];
  const pieces: string[] = [];
  let room = max;
  for (const part of parts) {
    const separator = pieces.length > 0 ? 1 : 0;
    const available = room - separator;
    if (available < 12) break;
    let piece: string;
    if (part.kind === 'code') {
      const language = /^[\w+#.-]{1,20}$/.test(part.language ?? '') ? (part.language ?? '') : '';
      piece = `\`\`\`${language}\n${fitCode(guardFence(part.text), available - fenceOverhead(language))}\n\`\`\``;
    } else {
      piece = partLine(part, available);
    }
    if (piece.length > available) break;
    pieces.push(piece);
    room -= piece.length + separator;
  }
  return pieces.join('\n');
}
