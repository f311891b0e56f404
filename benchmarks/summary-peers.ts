/**
 * The summarisers the project's `/summary` is compared with, on the same stories, each returning
 * whole sentences, one per line, as split by wink-nlp (wink-eng-lite-web-model), a sentence
 * splitter independent of the project's:
 *
 * - LEAD-3: the first three sentences, the baseline every news summariser is held to.
 * - TextRank (Mihalcea & Tarau, 2004): a graph of sentences weighted by their word overlap
 *   divided by log length (|Si ∩ Sj| / (log |Si| + log |Sj|), words lower-cased, stemmed, stop
 *   words out), PageRank with damping 0.85 to convergence, the top three in document order.
 */
import { stemmer } from 'stemmer';
import winkNLP, { type ItemToken } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export interface SummaryPeer {
  readonly name: string;
  readonly settings: string;
  /** The summary's sentences, verbatim, in document order. */
  summarize(text: string): string[];
}

const nlp = winkNLP(model);
const its = nlp.its;

/** Sentences of `text` as wink-nlp finds them. */
export function peerSentences(text: string): string[] {
  return nlp
    .readDoc(text)
    .sentences()
    .out()
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

function contentWords(sentence: string): Set<string> {
  const words = new Set<string>();
  nlp
    .readDoc(sentence)
    .tokens()
    .filter((token) => token.out(its.type) === 'word' && !token.out(its.stopWordFlag))
    .each((token: ItemToken) => {
      words.add(stemmer(token.out(its.normal)));
    });
  return words;
}

export function createLeadPeer(count = 3): SummaryPeer {
  return {
    name: `LEAD-${count}`,
    settings: `the first ${count} sentences (wink-nlp sentences)`,
    summarize: (text) => peerSentences(text).slice(0, count),
  };
}

export function createTextRankPeer(count = 3): SummaryPeer {
  return {
    name: 'TextRank',
    settings: `top ${count} by PageRank (d 0.85) over word-overlap / log-length similarity; stems, no stop words (wink-nlp)`,
    summarize(text) {
      const sentences = peerSentences(text);
      const words = sentences.map(contentWords);
      const n = sentences.length;
      const weights = words.map((a, i) =>
        words.map((b, j) => {
          if (i === j || a.size < 2 || b.size < 2) return 0;
          let common = 0;
          for (const word of a) if (b.has(word)) common += 1;
          return common / (Math.log(a.size) + Math.log(b.size));
        }),
      );
      const outTotals = weights.map((row) => row.reduce((sum, weight) => sum + weight, 0));
      let scores = new Array<number>(n).fill(1);
      for (let iteration = 0; iteration < 100; iteration += 1) {
        const next = scores.map((_, i) => {
          let sum = 0;
          for (let j = 0; j < n; j += 1) if (outTotals[j]! > 0) sum += (weights[j]![i]! / outTotals[j]!) * scores[j]!;
          return 0.15 + 0.85 * sum;
        });
        const change = next.reduce((total, score, i) => total + Math.abs(score - scores[i]!), 0);
        scores = next;
        if (change < 1e-6) break;
      }
      return scores
        .map((score, position) => ({ score, position }))
        .sort((a, b) => b.score - a.score || a.position - b.position)
        .slice(0, count)
        .sort((a, b) => a.position - b.position)
        .map(({ position }) => sentences[position]!);
    },
  };
}
