/**
 * Every weight, bar and limit of the answer pipeline in one place, with what it does and its
 * default. The defaults were chosen on all development sets together (see docs/ARCHITECTURE.md),
 * looking for values where results are flat rather than for the best figure on any one set.
 *
 * Callers pass a partial object (`{ maxExcerpts: 5 }`); what they leave out keeps its default.
 */

/** How the parts of a sentence's score are weighed (each part is 0..1 before its weight). */
export interface SentenceScoring {
  /** Credit for a question word found only in the title or heading above the sentence (1 = as if in the sentence). Default: 0.8. */
  contextCredit: number;
  /** Weight of the whole passage's coverage of the question. Default: 0.25. */
  passageCoverage: number;
  /** Weight of the whole paragraph's coverage of the question: the context a sentence answers in. Default: 0.3. */
  paragraphCoverage: number;
  /** Weight of the whole document's coverage of the question: which article the question is about. Default: 0.3. */
  documentCoverage: number;
  /** Weight of the passage's retrieval rank (fused or BM25, 0..1). Default: 0.1. */
  passageRelevance: number;
  /** Weight of question word pairs found side by side. Default: 0.15. */
  phrase: number;
  /** Bonus for the first paragraph, divided by the paragraph number: articles state their main facts first. Default: 0.1. */
  lead: number;
  /** Weight of how close together the question's words stand in the sentence (0..1). Default: 0.15. */
  proximity: number;
  /** Bonus for holding the kind of answer asked for (a date for "when", a number for "how many"...). Default: 0.15. */
  answerType: number;
  /** Bonus, for "What is X?" or "What does X stand for?", for a sentence that defines X ("X is a…", "Long form (X)"). Default: 0.3. */
  definition: number;
  /**
   * Bonus, for a how-to question on technical documents ("how do I…", "is there a flag…",
   * search/how-to.ts), for a sentence that holds something a reader types (a command, a flag, a
   * configuration line, an API call) or is a line of code. Default: 0.3.
   */
  howTo: number;
  /**
   * For a sentence that points back to the one before it ("It can be used to…", "This suggests…",
   * search/anaphora.ts): credit for the question words found in that previous sentence, as a share
   * of full credit. Default: 0.5.
   */
  backReference: number;
}

export interface SearchTuning {
  // Retrieval (search/retrieve.ts)
  /** Passages taken from each ranking (BM25, HNSW) before fusion. Default: 50. */
  retrievalDepth: number;
  /** Reciprocal rank fusion constant k in 1 / (k + rank): larger flattens the rank curve. Default: 60. */
  rrfK: number;
  /**
   * Weight of a guessed spelling against a term the question really used: "contingent" is one
   * letter from "continu(e)" but means something else, while "purhcased" is just a typo. Default: 0.5.
   */
  correctedTermWeight: number;

  // Sentence scoring (search/sentence-scoring.ts)
  /** How many of the ranked passages have their sentences scored (and are checked by the relevance bar). Default: 12. */
  candidatePassages: number;
  /** How sentence scores are weighed. Default: DEFAULT_SENTENCE_SCORING. */
  scoring: SentenceScoring;

  // Abstention (search/abstention.ts and the abstention-*.ts files beside it)
  /**
   * Least share of the question's term weight (idf) that one candidate passage (its title and
   * heading included) must hold for an answer. Default: 0.2.
   */
  minLexicalCoverage: number;
  /**
   * Least share of the question's term weight that one sentence of a candidate passage (with the
   * passage's title and heading) must hold: an answer is a sentence, and the question's words
   * scattered over a passage's sentences are what an unrelated passage shows. Default: 0.2.
   */
  minSentenceCoverage: number;
  /**
   * Least number of the question's distinct terms that one sentence of a candidate passage must hold
   * in its own words, for a question of `termsTogetherFrom` terms or more: the question's words
   * found together, not one here and one there. Default: 2.
   */
  minTermsTogether: number;
  /** From how many distinct terms a question must find `minTermsTogether` of them in one sentence. Default: 4. */
  termsTogetherFrom: number;
  /**
   * A question term seen less often than this per million words of everyday English (SUBTLEX-US) is
   * distinctive: a name or a technical word, not an everyday one like "run", "test", "result" or
   * "one". The sentence holding `minTermsTogether` of a question's terms must hold a distinctive
   * one among them: two everyday words side by side occur in any large collection. Default: 120.
   */
  distinctiveWordPerMillion: number;
  /**
   * The passage bar when the question names something the documents never mention (a capitalised
   * word such as "Australia" or "FIFA" found nowhere, even allowing for a typo): such a question
   * is most likely about something else. Default: 0.6.
   */
  minCoverageWithUnknownName: number;
  /**
   * Weight of the question's clarity (abstention-clarity.ts `questionClarity`: how much more the
   * question's words belong to the documents than to everyday English, about -5..+8) in the lexical
   * relevance bar: a question in the documents' own words needs less coverage, one in other words
   * more. Default: 0.05.
   */
  clarityWeight: number;
  /**
   * Most that a word the documents never use adds to the question's clarity (the log-ratio of a word
   * found nowhere is capped here): a word missing from the documents is no sign that the question is
   * theirs, however rare it is in English. 0 = it adds nothing (it still lowers clarity when it is
   * an everyday word). Default: 0.
   */
  absentTermClarityCap: number;
  /**
   * Least `coverage + clarityWeight × clarity` of the best candidate passage for an answer: with
   * clarity 0 a passage must hold 40% of the question's weight; at +5, 15%. Default: 0.4.
   */
  minLexicalRelevance: number;
  /**
   * A spelling guess ("purhcased" -> "purchased") counts as the word asked being found only when
   * the word asked occurs less often than this in everyday English (per million words of SUBTLEX-US)
   * and the guess keeps its first letter: "steam" (18 per million) guessed as "team" in documents
   * that never say "steam" is a word they do not use, not a typo. Retrieval uses every guess; only
   * the relevance bar is this strict. Subtitles hold typos too ("goverment" analyses to a term seen
   * 1.2 times per million words), so the bar sits above them; off-topic declines were flat from 0.2
   * to 2 on the development sets. Default: 2.
   */
  maxEnglishPerMillionOfGuessedWord: number;
  /**
   * Hybrid mode: least cosine similarity of the nearest passage that lets a question through on
   * meaning alone, whatever its words (the service passes the model preset's bar, e.g. 0.6 for
   * all-MiniLM-L6-v2). It rescues paraphrased questions that the lexical bar declines; it cannot
   * be measured without a model. Default: 0.6.
   */
  minSimilarity: number;

  // Excerpt shaping (search/excerpt-shaping.ts)
  /** Most excerpts in an answer. Default: 3. */
  maxExcerpts: number;
  /** Longest excerpt in characters, ellipses included. Default: 300. */
  excerptMaxChars: number;
  /** Most sentences in one excerpt once widened with its neighbours. Default: 3. */
  maxSentencesPerExcerpt: number;
  /**
   * Where a sentence too long to show whole is cut: the window starts this share of the limit
   * before the densest run of question words, so the reader sees what leads up to it; the rest of
   * the window shows what follows, where an answer to words of the question usually stands
   * ("…was founded in 1850 by…"). Default: 0.1 (0.05 to 0.15 measure the same; 0.25 showed less of what follows).
   */
  cutLeadShare: number;
  /** Two excerpts whose term sets overlap more than this (Jaccard) are near-duplicates; the second is dropped. Default: 0.8. */
  nearDuplicateJaccard: number;
  /**
   * Whether an excerpt whose best sentence points back ("This suggests…", search/anaphora.ts) is
   * widened with the sentence before it first, rather than the one after. Default: true.
   */
  widenBackFirst: boolean;
  /**
   * Whether an excerpt that opens a section named by something typed (`--run`, `vitest doctor`,
   * `sequence.concurrent`; search/section-heading.ts) shows that heading as its first line, when it
   * fits: the name is often the answer and the section's text does not repeat it. Default: true.
   */
  typedHeadings: boolean;

  // Citations (documents/citations.ts)
  /**
   * The site where the documents are published (DOCS_BASE_URL): an excerpt of a document without
   * its own address in its metadata links to the file's page there. Default: undefined (no link).
   */
  docsBaseUrl: string | undefined;
}

export const DEFAULT_SENTENCE_SCORING: Readonly<SentenceScoring> = Object.freeze({
  contextCredit: 0.8,
  passageCoverage: 0.25,
  paragraphCoverage: 0.3,
  documentCoverage: 0.3,
  passageRelevance: 0.1,
  phrase: 0.15,
  lead: 0.1,
  proximity: 0.15,
  answerType: 0.15,
  definition: 0.3,
  howTo: 0.3,
  backReference: 0.5,
});

export const DEFAULT_SEARCH_TUNING: Readonly<SearchTuning> = Object.freeze({
  retrievalDepth: 50,
  rrfK: 60,
  correctedTermWeight: 0.5,
  candidatePassages: 12,
  scoring: DEFAULT_SENTENCE_SCORING,
  minLexicalCoverage: 0.2,
  minSentenceCoverage: 0.2,
  minTermsTogether: 2,
  termsTogetherFrom: 4,
  distinctiveWordPerMillion: 120,
  minCoverageWithUnknownName: 0.6,
  clarityWeight: 0.05,
  absentTermClarityCap: 0,
  minLexicalRelevance: 0.4,
  maxEnglishPerMillionOfGuessedWord: 2,
  minSimilarity: 0.6,
  maxExcerpts: 3,
  excerptMaxChars: 300,
  maxSentencesPerExcerpt: 3,
  cutLeadShare: 0.1,
  nearDuplicateJaccard: 0.8,
  widenBackFirst: true,
  typedHeadings: true,
  docsBaseUrl: undefined,
});

/** The defaults with `overrides` applied (a `scoring` override may itself be partial). */
export function searchTuning(overrides: Partial<Omit<SearchTuning, 'scoring'>> & { scoring?: Partial<SentenceScoring> } = {}): SearchTuning {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)) as Partial<SearchTuning>;
  return { ...DEFAULT_SEARCH_TUNING, ...defined, scoring: { ...DEFAULT_SENTENCE_SCORING, ...overrides.scoring } };
}

/** What callers may override: any field, `scoring` weights one by one. */
export type SearchTuningOverrides = Parameters<typeof searchTuning>[0];
