/**
 * The scoring protocol of the document-QA benchmark (../shared/bench/README.md), as pure functions
 * so it can be unit-tested and shared by the project run and the peers:
 *
 * - answer@1: an accepted answer appears, case-insensitive and whitespace-folded, in the first
 *   excerpt's text as shown to the reader;
 * - answer@3: it appears in one of the first three excerpts.
 *
 * Latency percentiles use the nearest-rank method (see `percentile`).
 */

/** One benchmark question, as in qa.json. */
export interface QaItem {
  question: string;
  /** Accepted answers; any one of them counts. */
  answers: string[];
  /** The document the question was written about (informational). */
  document: string;
}

/**
 * True when two document names are the same document in any format: `Normans.txt` in a qa.json
 * names `Normans.pdf` or `Normans.md` of a converted set (compared by base name, case-sensitive,
 * folders ignored).
 */
export function sameDocument(a: string, b: string): boolean {
  const base = (name: string): string => (name.split(/[\\/]/).pop() ?? name).replace(/\.[^.]+$/, '');
  return a.length > 0 && b.length > 0 && base(a) === base(b);
}

/** Lower-cases and folds every run of whitespace to one space, trimmed: the matching form. */
export function normalizeForMatch(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** True when one of `answers` appears in `text`, both compared in their matching form. Empty answers never match. */
export function containsAnswer(text: string, answers: readonly string[]): boolean {
  const haystack = normalizeForMatch(text);
  return answers.some((answer) => {
    const needle = normalizeForMatch(answer);
    return needle.length > 0 && haystack.includes(needle);
  });
}

/**
 * The 1-based rank of the first excerpt (in the order shown) that contains an accepted answer, or
 * null when none does.
 */
export function firstHitRank(excerptTexts: readonly string[], answers: readonly string[]): number | null {
  const index = excerptTexts.findIndex((text) => containsAnswer(text, answers));
  return index === -1 ? null : index + 1;
}

/** answer@k for one question: an accepted answer is in one of the first `k` excerpts. */
export function answerAtK(excerptTexts: readonly string[], answers: readonly string[], k: number): boolean {
  const rank = firstHitRank(excerptTexts.slice(0, k), answers);
  return rank !== null;
}

/**
 * The p-th percentile (0 < p <= 100) by the nearest-rank method: the smallest value such that at
 * least p% of the values are less than or equal to it, i.e. `sorted[ceil(p/100 * n) - 1]`. It is
 * always one of the measured values (no interpolation). NaN for an empty list.
 */
export function percentile(values: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** What one system returned for one question: its excerpt texts as shown, and how long it took. */
export interface QuestionResult {
  excerptTexts: string[];
  latencyMs: number;
}

export interface RunScore {
  questions: number;
  /** Fractions in 0..1. */
  answerAt1: number;
  answerAt3: number;
  /** Nearest-rank percentiles of the per-question latency, milliseconds. */
  p50Ms: number;
  p95Ms: number;
}

/** Scores one system's results against the questions, in the same order. */
export function scoreRun(items: readonly QaItem[], results: readonly QuestionResult[]): RunScore {
  if (items.length !== results.length) {
    throw new Error(`scoreRun: ${items.length} questions but ${results.length} results`);
  }
  let at1 = 0;
  let at3 = 0;
  items.forEach((item, i) => {
    const texts = results[i]!.excerptTexts;
    if (answerAtK(texts, item.answers, 1)) at1 += 1;
    if (answerAtK(texts, item.answers, 3)) at3 += 1;
  });
  const latencies = results.map((result) => result.latencyMs);
  const n = items.length;
  return {
    questions: n,
    answerAt1: n === 0 ? 0 : at1 / n,
    answerAt3: n === 0 ? 0 : at3 / n,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
  };
}

/** Checks the shape of qa.json and returns its items; throws with the first problem found. */
export function parseQaFile(json: unknown): QaItem[] {
  if (!Array.isArray(json)) throw new Error('qa file: expected a JSON array of { question, answers, document }');
  return json.map((entry: unknown, i) => {
    const item = entry as Partial<QaItem> | null;
    if (
      item === null ||
      typeof item !== 'object' ||
      typeof item.question !== 'string' ||
      !Array.isArray(item.answers) ||
      !item.answers.every((answer) => typeof answer === 'string')
    ) {
      throw new Error(`qa file: entry ${i} must have a string "question" and an array of strings "answers"`);
    }
    return { question: item.question, answers: item.answers, document: typeof item.document === 'string' ? item.document : '' };
  });
}

/** Rounds to `digits` decimals, for JSON output that stays readable. */
export function round(value: number, digits = 2): number {
  if (!Number.isFinite(value)) return value;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
