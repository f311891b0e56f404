/**
 * Autocomplete for a document option (`/summary document:`). Discord limits a choice's name and
 * value to 100 characters, so a long path cannot be sent whole: its value becomes a short key
 * (`doc:` and a hash of the path) that `resolveDocumentChoice` turns back into the path, and its
 * name keeps the path's end, where long paths that share a beginning differ. Values are unique
 * whatever the paths; names are made unique too.
 */
import { createHash } from 'node:crypto';
import type { SourceInfo } from '../service/document-qa.ts';
import { cut, LIMITS } from './format.ts';

export interface Choice {
  name: string;
  value: string;
}

const KEY_PREFIX = 'doc:';

/** The key sent for a document whose path does not fit a choice value. */
export function documentKey(source: string): string {
  return `${KEY_PREFIX}${createHash('sha256').update(source).digest('hex').slice(0, 24)}`;
}

function choiceValue(source: string): string {
  return source.length <= LIMITS.choiceValue ? source : documentKey(source);
}

/** What a person reads: the title and the path, keeping the path's end when it must be shortened. */
function choiceName(doc: SourceInfo): string {
  const source = doc.source.replace(/\s+/g, ' ');
  const title = (doc.title ?? '').replace(/\s+/g, ' ').trim();
  const hasTitle = title !== '' && title !== doc.source;
  const full = hasTitle ? `${title} (${source})` : source;
  if (full.length <= LIMITS.choiceName) return full;
  if (!hasTitle) return `…${source.slice(-(LIMITS.choiceName - 1))}`;
  const tail = source.slice(-Math.min(source.length, 55));
  const shownTail = tail.length < source.length ? `…${tail}` : tail;
  return `${cut(title, LIMITS.choiceName - shownTail.length - 3)} (${shownTail})`;
}

/** Makes `name` differ from every name in `used` by a ` #n` suffix, within the limit. */
function uniqueName(name: string, used: Set<string>): string {
  let candidate = name;
  for (let n = 2; used.has(candidate); n += 1) {
    const suffix = ` #${n}`;
    candidate = `${name.slice(0, LIMITS.choiceName - suffix.length)}${suffix}`;
  }
  used.add(candidate);
  return candidate;
}

/**
 * Choices for a document option: matches on source and title (case-insensitive), best first
 * (prefix before substring), at most 25, names and values within 100 characters and unique.
 */
export function documentChoices(documents: SourceInfo[], query: string): Choice[] {
  const needle = query.trim().toLowerCase();
  const scored: { doc: SourceInfo; rank: number }[] = [];
  for (const doc of documents) {
    const source = doc.source.toLowerCase();
    const title = (doc.title ?? '').toLowerCase();
    let rank: number;
    if (needle === '') rank = 2;
    else if (source.startsWith(needle) || title.startsWith(needle)) rank = 0;
    else if (source.includes(needle) || title.includes(needle)) rank = 1;
    else continue;
    scored.push({ doc, rank });
  }
  scored.sort((a, b) => a.rank - b.rank || (a.doc.title || a.doc.source).localeCompare(b.doc.title || b.doc.source));
  const used = new Set<string>();
  return scored.slice(0, LIMITS.choices).map(({ doc }) => ({ name: uniqueName(choiceName(doc), used), value: choiceValue(doc.source) }));
}

/** The document a submitted option means: a key from `documentChoices` becomes its path; anything else is returned as typed. */
export function resolveDocumentChoice(value: string, documents: readonly SourceInfo[]): string {
  if (!value.startsWith(KEY_PREFIX)) return value;
  return documents.find((doc) => doc.source.length > LIMITS.choiceValue && documentKey(doc.source) === value)?.source ?? value;
}
