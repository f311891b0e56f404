/**
 * Extractive summaries: a few whole sentences of a document (or of all documents), verbatim and in
 * document order, about as long as a news highlight. What picks them, as good unsupervised news
 * summarisers do:
 *
 * - a lead prior, 1 / (1 + position)^leadDecay: articles and reports state their gist first;
 * - centrality: closeness (TF-IDF cosine) to the document's overall term profile, so a later
 *   sentence that carries the main subject can beat an anecdotal opening;
 * - redundancy (maximal marginal relevance): no two picked sentences say the same thing, and a
 *   near-repeat of a picked sentence is never picked;
 * - what is not summary material is left out: questions, fragments (captions, datelines), code
 *   and table rows, and any sentence that ends at an abbreviation ("...by the U.S."), which may be
 *   a sentence cut short; an opening quotation costs a little (a quote is rarely the gist).
 *
 * The length is a word budget of `wordsPerSentence` per sentence asked for: a long sentence that
 * would pass it is skipped for a shorter one, so three sentences stay around 66 words.
 */
import { blockAt, passageLocation } from '../documents/citations.ts';
import type { Passage } from '../documents/passages.ts';
import type { LoadedIndex } from '../index/index-store.ts';
import { analyze } from '../index/text-analysis.ts';
import { cosine, TermProfile, Vocabulary, type TermVector } from './term-vectors.ts';
import type { Summary, SummarySentence } from './types.ts';

/** How a summary is chosen. Callers pass a partial object; what they leave out keeps its default. */
export interface SummaryOptions {
  /** Most sentences in a summary (the SUMMARY_SENTENCES setting). Default: 3. */
  maxSentences: number;
  /**
   * Word budget per sentence asked for: sentences that would take the summary past
   * maxSentences × this are skipped (the first pick always fits). Default: 22, so three sentences
   * come to at most 66 words, the length of a news highlight.
   */
  wordsPerSentence: number;
  /** Sentences with fewer words are fragments (captions, datelines, "Here are some answers:"). Default: 6. */
  minWords: number;
  /** Sentences with more words are too long to read as a summary line. Default: 80. */
  maxWords: number;
  /** How fast the lead prior 1 / (1 + position)^leadDecay falls with a sentence's position in its document. Default: 2. */
  leadDecay: number;
  /** Weight of the TF-IDF cosine to the document's term profile (0..1), against the lead prior (0..1). Default: 1. */
  centralityWeight: number;
  /** Taken off per unit of cosine similarity to the closest sentence already picked. Default: 0.3. */
  redundancyWeight: number;
  /** Taken off a sentence that opens with a quotation mark. Default: 0.2. */
  quotePenalty: number;
  /** A sentence at least this similar (cosine) to one already picked repeats it and is never picked. Default: 0.8. */
  repeatSimilarity: number;
  /**
   * Sentences read from the start of each document (the candidates and the term profile): a
   * summary of a book-length file reads its first part, and costs the same as one of a long
   * article. Default: 2000 (about 50,000 words).
   */
  sentencesPerDocument: number;
  /**
   * Sentences read from the start of each document when several are summarised together (the
   * summary of all documents): a collection is summed up by what its documents say first, and
   * the cost stays small however many documents there are (it is computed at every rebuild).
   * Default: 20.
   */
  sentencesPerDocumentInCollection: number;
}

export const SUMMARY_DEFAULTS: Readonly<SummaryOptions> = {
  maxSentences: 3,
  wordsPerSentence: 22,
  minWords: 6,
  maxWords: 80,
  leadDecay: 2,
  centralityWeight: 1,
  redundancyWeight: 0.3,
  quotePenalty: 0.2,
  repeatSimilarity: 0.8,
  sentencesPerDocument: 2000,
  sentencesPerDocumentInCollection: 20,
};

interface Candidate {
  source: string;
  /** Where the sentence is, as citations name it (section, page or paragraph). */
  location: string;
  /** Position in reading order across the documents summarised. */
  order: number;
  /** Position of the sentence in its document (0 for the first). */
  position: number;
  text: string;
  words: number;
  vector: TermVector;
}

/** Ends like a sentence: a terminator, then only closing quotes or brackets. */
const SENTENCE_END = /[.!?…]["'”’)\]]*$/u;
const QUESTION_END = /\?["'”’)\]]*$/u;
const OPENS_WITH_QUOTE = /^["“‘'«]/u;
/**
 * The last word is an acronym with periods ("U.S.", "p.m."), a capital initial ("J.") or a title
 * ("Dr."): the sentence may have been split inside itself, so it is not shown as a whole one.
 */
const ENDS_AT_ABBREVIATION = /(?:^|[\s("'“‘])(?:(?:\p{L}\.){2,}|\p{Lu}\.|(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Inc|Corp|Co|Ltd|vs)\.)["'”’)]*$/u;

/** Whether a sentence can stand in a summary by itself (see the module comment). */
export function isSummaryMaterial(text: string, words: number, options: Pick<SummaryOptions, 'minWords' | 'maxWords'>): boolean {
  return (
    words >= options.minWords &&
    words <= options.maxWords &&
    SENTENCE_END.test(text) &&
    !QUESTION_END.test(text) &&
    !ENDS_AT_ABBREVIATION.test(text)
  );
}

/** Every sentence of `passages` (in reading order) that may be summary material, up to `sentencesPerDocument` per document, with its TF-IDF vector. */
function candidatesOf(index: LoadedIndex, passages: Iterable<Passage>, sentencesPerDocument: number, vocabulary: Vocabulary): Candidate[] {
  const candidates: Candidate[] = [];
  const positions = new Map<string, number>();
  for (const passage of passages) {
    const document = index.documentsBySource.get(passage.source);
    if (!document || (positions.get(passage.source) ?? 0) >= sentencesPerDocument) continue;
    const location = passageLocation(document, passage);
    for (const sentence of passage.sentences) {
      const raw = document.text.slice(sentence.start, sentence.end);
      // Code, table rows and headings are never summary lines (nor is any span with a line break in it).
      const kind = blockAt(document, sentence.start)?.kind;
      if (kind === 'code' || kind === 'table-row' || kind === 'heading' || /\n/.test(raw)) continue;
      const position = positions.get(passage.source) ?? 0;
      if (position >= sentencesPerDocument) break;
      positions.set(passage.source, position + 1);
      const sentenceText = raw.replace(/\s+/g, ' ');
      const vector = vocabulary.vector(analyze(sentenceText));
      const words = sentenceText.split(' ').length;
      candidates.push({ source: passage.source, location, order: candidates.length, position, text: sentenceText, words, vector });
    }
  }
  return candidates;
}

/** The vocabulary of one summarising run, weighted by the index's idf. */
function vocabularyOf(index: LoadedIndex): Vocabulary {
  return new Vocabulary((term) => index.lexical.idf(term));
}

/** The passages of the wanted documents, in reading order. */
function* passagesOf(index: LoadedIndex, wanted: ReadonlySet<string>): Iterable<Passage> {
  for (const passage of index.passages) if (wanted.has(passage.source)) yield passage;
}

/** Summarises the documents whose sources are given (all documents of the index when empty). */
export function summarizeDocuments(index: LoadedIndex, sources: readonly string[], options: Partial<SummaryOptions> = {}): Summary {
  const settings: SummaryOptions = { ...SUMMARY_DEFAULTS, ...options };
  const wanted = new Set(sources.length > 0 ? sources : index.documents.map((document) => document.source));
  const perDocument = wanted.size > 1 ? settings.sentencesPerDocumentInCollection : settings.sentencesPerDocument;
  const sentences = chooseSentences(candidatesOf(index, passagesOf(index, wanted), perDocument, vocabularyOf(index)), settings, new TermProfile());
  return { source: sources.length === 1 ? sources[0] : undefined, sentences };
}

/**
 * The summary of every document and of all of them, as `summarizeDocuments` makes each, reading
 * every sentence once: the summary of all documents is chosen among the first sentences of each
 * document that its own summary already read (analysing them again cost a third of a build).
 */
export function summarizeEveryDocument(index: LoadedIndex, options: Partial<SummaryOptions> = {}): { all: Summary; bySource: Record<string, Summary> } {
  const settings: SummaryOptions = { ...SUMMARY_DEFAULTS, ...options };
  const passagesBySource = new Map<string, Passage[]>();
  for (const passage of index.passages) {
    const list = passagesBySource.get(passage.source);
    if (list) list.push(passage);
    else passagesBySource.set(passage.source, [passage]);
  }
  const inCollection = index.documents.length > 1 ? settings.sentencesPerDocumentInCollection : settings.sentencesPerDocument;
  const collection: Candidate[] = [];
  const bySource: Record<string, Summary> = {};
  const vocabulary = vocabularyOf(index);
  const profile = new TermProfile();
  // In reading order (passages are grouped by document in the index), as summarizeDocuments reads them.
  for (const [source, passages] of passagesBySource) {
    if (!index.documentsBySource.has(source)) continue;
    const candidates = candidatesOf(index, passages, settings.sentencesPerDocument, vocabulary);
    bySource[source] = { source, sentences: chooseSentences(candidates, settings, profile) };
    for (const candidate of candidates) {
      if (candidate.position < inCollection) collection.push({ ...candidate, order: collection.length });
    }
  }
  for (const document of index.documents) bySource[document.source] ??= { source: document.source, sentences: [] };
  return { all: { source: undefined, sentences: chooseSentences(collection, settings, profile) }, bySource };
}

/** The summary sentences among `candidates` (in reading order): see the module comment. */
function chooseSentences(candidates: readonly Candidate[], settings: SummaryOptions, profile: TermProfile): SummarySentence[] {
  // The documents' term profile: the sum of their sentences' unit vectors.
  profile.clear();
  for (const candidate of candidates) profile.addUnit(candidate.vector);
  profile.finish();

  const usable = candidates.filter((candidate) => isSummaryMaterial(candidate.text, candidate.words, settings));
  const pool = usable.length > 0 ? usable : candidates;
  const relevance = new Map(
    pool.map((candidate) => [
      candidate,
      1 / (1 + candidate.position) ** settings.leadDecay +
        settings.centralityWeight * profile.cosine(candidate.vector) -
        (OPENS_WITH_QUOTE.test(candidate.text) ? settings.quotePenalty : 0),
    ]),
  );

  // Greedy maximal marginal relevance within the word budget; a sentence that no longer fits
  // never will, so each round looks only at those that do (the first pick always fits).
  const wordBudget = settings.maxSentences * settings.wordsPerSentence;
  const chosen: Candidate[] = [];
  let words = 0;
  while (chosen.length < settings.maxSentences) {
    let best: Candidate | undefined;
    let bestScore = -Infinity;
    for (const candidate of pool) {
      if (chosen.includes(candidate) || (chosen.length > 0 && words + candidate.words > wordBudget)) continue;
      let redundancy = 0;
      for (const picked of chosen) redundancy = Math.max(redundancy, cosine(candidate.vector, picked.vector));
      if (redundancy >= settings.repeatSimilarity) continue;
      const score = (relevance.get(candidate) ?? 0) - settings.redundancyWeight * redundancy;
      if (score > bestScore) {
        bestScore = score;
        best = candidate;
      }
    }
    if (!best) break;
    chosen.push(best);
    words += best.words;
  }

  return chosen
    .sort((a, b) => a.order - b.order)
    .map((candidate) => ({ text: candidate.text, source: candidate.source, location: candidate.location }));
}
