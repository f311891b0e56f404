/**
 * What the sentence splitter knows about English abbreviations: which words before a period
 * never end a sentence, which end one only when a new sentence plainly starts, and which words
 * plainly start one. General English usage, not drawn from any document set.
 */

/** Titles before a name: "Dr. Watson", "Gen. Qassem". A period after them never ends a sentence. */
export const TITLES: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'mx', 'messrs', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'cmdr', 'cdr', 'adm', 'sgt',
  'cpl', 'pvt', 'gov', 'sen', 'rep', 'reps', 'pres', 'supt', 'insp', 'det', 'rev', 'hon', 'fr', 'msgr', 'sr', 'sra',
  'mme', 'mlle', 'vs', 'cf', 'ca', 'approx', 'viz', 'e.g', 'i.e',
]);

/**
 * Abbreviations that often sit mid-sentence but also end sentences ("the U.S. Army" / "moved to
 * the U.S. The move..."): the period ends the sentence only when the next word is one that
 * plainly starts a sentence (see SENTENCE_STARTERS). Dotted acronyms ("U.S.", "p.m.") and single
 * capital initials are treated the same way without being listed.
 */
export const AMBIGUOUS_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'st', 'mt', 'ft', 'jr', 'inc', 'corp', 'co', 'ltd', 'llc', 'plc', 'bros', 'assn', 'dept', 'univ', 'ave', 'blvd',
  'rd', 'hwy', 'etc', 'al', 'esq',
  // Biological nomenclature: "Streptococcus sp. (streptopain)", "Eimeria spp. [35]".
  'sp', 'spp', 'subsp', 'ssp',
  // US state abbreviations in news style, except the ones that are also common words ("ill", "mass").
  'ala', 'ariz', 'ark', 'calif', 'colo', 'conn', 'fla', 'ga', 'kan', 'kans', 'ky', 'md', 'mich', 'minn', 'mont',
  'neb', 'nev', 'okla', 'tenn', 'tex', 'va', 'vt', 'wis', 'wyo',
]);

/**
 * Abbreviations that stand before a number ("No. 5", "p. 12", "Jan. 5"): the period ends no
 * sentence when a digit follows, since "no." and "art." also end sentences as words.
 */
export const NUMBER_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'no', 'nos', 'vol', 'vols', 'fig', 'figs', 'p', 'pp', 'ch', 'chap', 'art', 'sec', 'op', 'para', 'eq', 'ref',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

/**
 * Words that open sentences far more often than they follow an abbreviation inside one: when one
 * comes after "U.S." or "p.m.", a new sentence has begun ("...at 5 p.m. The police said").
 */
export const SENTENCE_STARTERS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'this', 'that', 'these', 'those', 'there', 'here', 'it', 'its', 'he', 'she', 'they', 'we', 'i',
  'you', 'his', 'her', 'their', 'our', 'my', 'your', 'but', 'and', 'or', 'so', 'yet', 'then', 'if', 'when', 'while',
  'after', 'before', 'as', 'at', 'in', 'on', 'for', 'with', 'by', 'from', 'to', 'of', 'what', 'who', 'which', 'why',
  'how', 'where', 'however', 'although', 'though', 'because', 'since', 'also', 'meanwhile', 'still', 'now', 'one',
  'some', 'many', 'most', 'all', 'both', 'each', 'every', 'no', 'not', 'other', 'such', 'during', 'until', 'unless',
  'despite', 'according', 'instead', 'later', 'earlier', 'today', 'yesterday', 'thus', 'therefore', 'moreover',
  'furthermore', 'indeed', 'even', 'only', 'just', 'yes', 'please', 'do', 'does', 'did', 'is', 'are', 'was', 'were',
  'could', 'would', 'should', 'might', 'must', 'let', 'once',
]);
