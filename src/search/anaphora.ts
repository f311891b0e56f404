/**
 * Sentences that lean on the one before them. "It can be used to calculate the relatedness of
 * objects" answers "How is the HeteSim measure used?" only because the sentence before it named
 * the HeteSim measure; "This suggests that Irish ECoVs may have low genetic diversity" states a
 * conclusion whose evidence is the sentence before it. Long technical texts are full of such
 * sentences, and a reader needs the sentence they point back to.
 *
 * A sentence leans back when it opens with a pronoun or demonstrative that has no noun of its own
 * in the sentence ("It", "They", "This", "These", "Such", "Thus"), possibly after a short
 * connective ("However, this…", "In addition, they…"). A code block leans back on the sentence
 * that introduces it ("To load every variable, use loadEnv:"): the one says what the other does.
 */
import type { BlockKind } from '../documents/model.ts';

/** Openers that point back to the previous sentence. */
const BACK_POINTING = new Set(['it', 'its', 'they', 'their', 'them', 'this', 'these', 'those', 'that', 'such', 'thus', 'hence']);
/** Short connectives that may stand before the pointing word ("However, it…", "In turn, this…"). */
const CONNECTIVES = new Set(['however', 'moreover', 'furthermore', 'additionally', 'therefore', 'consequently', 'also', 'in', 'addition', 'turn', 'fact', 'and', 'but', 'so', 'yet', 'together', 'taken', 'altogether', 'overall', 'similarly', 'likewise', 'indeed', 'finally', 'again']);
/** At most this many connective words before the pointing word. */
const MOST_CONNECTIVE_WORDS = 3;

/**
 * True when `sentence` opens by pointing back to the sentence before it ("It can be used…",
 * "This suggests…", "However, these results…"). "That" and "this" followed by a clause of their
 * own are still counted: in running text they nearly always refer back.
 */
export function pointsBack(sentence: string): boolean {
  const words = sentence
    .trimStart()
    .slice(0, 80)
    .split(/[\s,;:]+/u)
    .map((word) => word.toLowerCase().replace(/[^\p{L}]/gu, ''))
    .filter((word) => word.length > 0);
  for (let i = 0; i < words.length && i <= MOST_CONNECTIVE_WORDS; i += 1) {
    const word = words[i]!;
    if (BACK_POINTING.has(word)) return true;
    if (!CONNECTIVES.has(word)) return false;
  }
  return false;
}

/**
 * True when a sentence (in a block of `kind`) needs the sentence before it to be understood: it
 * points back in words, or it is code introduced by a sentence ending in a colon.
 */
export function leansOnPrevious(sentence: string, kind: BlockKind | undefined, previous: string | undefined): boolean {
  if (previous === undefined) return false;
  if (kind === 'code') return /:\s*$/u.test(previous);
  return pointsBack(sentence);
}
