/**
 * Broad questions: "Tell me about X", "What happened in X?", "What is X?", "Overview of X",
 * "Describe X", "Where is X located?". Their framing words ("tell", "happened", "overview",
 * "located") say what kind of answer is wanted, not what about, so they are left out of the search;
 * and when X names a document (its title) or a section (its heading), the answer opens with the
 * opening of that document or section, where texts say what a thing is.
 */
import type { LoadedIndex } from '../index/index-store.ts';
import { outlineOfPassages } from '../index/passage-outline.ts';
import { analyze } from '../index/text-analysis.ts';
import { passageTermSets } from './coverage.ts';
import type { RankedPassage } from './retrieve.ts';

export interface BroadQuestion {
  /** The words naming what the question is about ("the Kerman bombings"). */
  topic: string;
  /**
   * `opening`: the question asks for an account of the topic (its document's or section's opening
   * answers it); `definition`: "What is X?" (the opening only when X is exactly a title or
   * heading); `place`: "Where is X located?" (an ordinary search for the topic, with a place wanted).
   */
  kind: 'opening' | 'definition' | 'place';
}

const POLITE = String.raw`(?:(?:can|could|would|will) you\s+|please\s+|pls\s+)?`;
const FRAMES: { pattern: RegExp; kind: BroadQuestion['kind'] }[] = [
  { pattern: new RegExp(String.raw`^${POLITE}tell (?:me|us) (?:(?:a (?:bit|little)|more|something|everything|all) )?about (.+)$`, 'i'), kind: 'opening' },
  { pattern: /^what (?:(?:has |had )?happened|happens|is happening|was happening|went on|is going on|was going on) (?:in|at|to|during|on|with|around) (.+)$/i, kind: 'opening' },
  { pattern: new RegExp(String.raw`^${POLITE}(?:give (?:me|us) )?(?:an? )?(?:overview|summary|introduction|intro|outline|background) (?:of|on|about|to|for) (.+)$`, 'i'), kind: 'opening' },
  { pattern: new RegExp(String.raw`^${POLITE}(?:describe|explain|summari[sz]e|introduce) (.+)$`, 'i'), kind: 'opening' },
  { pattern: /^(?:what do (?:you|we) know|what is known|what can you say) about (.+)$/i, kind: 'opening' },
  { pattern: /^(?:information|info|details|facts) (?:on|about) (.+)$/i, kind: 'opening' },
  { pattern: /^where (?:is|are|was|were) (.+?) (?:located|situated)$/i, kind: 'place' },
  { pattern: /^(?:what|who) (?:is|are|was|were) (.+)$/i, kind: 'definition' },
];

/** The question's frame and topic, or undefined for any other question. */
export function readBroadQuestion(question: string): BroadQuestion | undefined {
  const text = question.trim().replace(/[?.!\s]+$/u, '').replace(/\s+/g, ' ');
  for (const { pattern, kind } of FRAMES) {
    const topic = pattern.exec(text)?.[1]?.trim();
    if (topic && analyze(topic).length > 0) return { topic, kind };
  }
  return undefined;
}

/** What a broad question is about, found in the index: a whole document, or one section of one. */
export interface OpeningTarget {
  /** The first passage of the document's body or of the section. */
  passageIndex: number;
  /** `document` when the topic is the document's title, `section` when a heading. */
  scope: 'document' | 'section';
}

const sameTerms = (a: ReadonlySet<string>, b: ReadonlySet<string>) => a.size === b.size && [...a].every((term) => b.has(term));
const within = (inner: ReadonlySet<string>, outer: ReadonlySet<string>) => [...inner].every((term) => outer.has(term));

/**
 * The document whose title, or the section whose heading, the topic names: the same words
 * (stemmed, stop words aside), or, unless `exact`, words all found in the title or heading. Among
 * several, the one with the fewest words besides the topic's; a tie means the topic is ambiguous
 * and nothing is returned (the ordinary search then decides).
 */
export function findOpeningTarget(index: LoadedIndex, topic: string, exact: boolean): OpeningTarget | undefined {
  const topicTerms = new Set(analyze(topic));
  if (topicTerms.size === 0) return undefined;
  const candidates: (OpeningTarget & { extra: number })[] = [];
  for (const target of namedOpenings(index)) {
    if (exact ? sameTerms(topicTerms, target.terms) : within(topicTerms, target.terms)) {
      candidates.push({ passageIndex: target.passageIndex, scope: target.scope, extra: target.terms.size - topicTerms.size });
    }
  }
  if (candidates.length === 0) return undefined;
  candidates.sort((a, b) => a.extra - b.extra || (a.scope === b.scope ? 0 : a.scope === 'document' ? -1 : 1));
  const [best, second] = candidates;
  if (!best) return undefined;
  if (second && second.extra === best.extra && second.scope === best.scope) return undefined;
  return { passageIndex: best.passageIndex, scope: best.scope };
}

/** A document's title or a section's heading, analysed, with the first passage it names. */
interface NamedOpening extends OpeningTarget {
  terms: ReadonlySet<string>;
}

/** Built once per loaded index: scanning every passage and analysing every title on each question grows with the corpus. */
const namedOpeningsByIndex = new WeakMap<LoadedIndex, readonly NamedOpening[]>();

function namedOpenings(index: LoadedIndex): readonly NamedOpening[] {
  const cached = namedOpeningsByIndex.get(index);
  if (cached) return cached;
  const openings: NamedOpening[] = [];
  const seen = new Set<string>();
  // The outline (one entry per run of passages in one section) spares making every passage.
  const outline = index.passageOutline?.() ?? outlineOfPassages(index.passages);
  for (const { passageIndex, source, title, section } of outline) {
    const titleKey = `document:${source}`;
    if (!seen.has(titleKey)) {
      seen.add(titleKey);
      openings.push({ passageIndex, scope: 'document', terms: new Set(analyze(title)) });
    }
    const heading = section.at(-1);
    if (heading === undefined) continue;
    const sectionKey = `section:${source}:${section.join('\u0000')}`;
    if (seen.has(sectionKey)) continue;
    seen.add(sectionKey);
    openings.push({ passageIndex, scope: 'section', terms: new Set(analyze(heading)) });
  }
  namedOpeningsByIndex.set(index, openings);
  return openings;
}

/** True when one of `passages` holds every term (in its text, title or heading). */
export function holdsAllTerms(index: LoadedIndex, passages: readonly RankedPassage[], terms: readonly string[]): boolean {
  if (terms.length === 0) return false;
  return passages.some((hit) => {
    const { text, context } = passageTermSets(index, hit.passageIndex);
    return terms.every((term) => text.has(term) || context.has(term));
  });
}
