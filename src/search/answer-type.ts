/**
 * What kind of answer a question asks for ("When..." asks for a date, "How many..." for a number,
 * "Who..." for a name, "Where..." for a place), and whether a sentence holds something of that kind
 * besides the question's own words. A sentence that could answer is worth showing before one that
 * only repeats the question.
 */

export type AnswerType = 'date' | 'number' | 'person' | 'place' | 'list' | 'other';

const DATE_QUESTION = /^(?:when\b|since when\b)|\b(?:what|which|in what|in which|by what|as of what|until what)\s+(?:year|years|century|centuries|decade|date|month|day|era|period)\b/i;
const NUMBER_QUESTION = /\bhow\s+(?:many|much|long|old|far|large|big|high|tall|wide|deep|fast|often|heavy)\b|\bwhat\s+(?:percentage|percent|proportion|fraction|number|amount|size|speed|temperature)\b/i;
/**
 * "What is the doubling time of…", "What was the reported vaccination rate in…", "What was the
 * population of…": a quantity named by the head noun of the thing asked about.
 */
const QUANTITY_HEAD_QUESTION =
  /^(?:what|which)\s+(?:is|was|are|were)\s+the\s+(?:[\p{L}\p{N}'’/-]+\s+){0,3}(?:number|rate|ratio|percentage|proportion|incidence|prevalence|dose|dosage|duration|length|size|weight|population|distance|height|temperature|speed|cost|price|age|time|frequency|concentration|count)s?\s*(?:of|in|for|between|among|at|during|from|to|per|\?|$)/iu;
/** "What types of viruses…", "Which kinds of tests…": an enumeration of the kinds. */
const LIST_QUESTION = /^(?:what|which)\s+(?:are\s+(?:the\s+|some\s+)?)?(?:(?:main|major|different|other|common|several)\s+)?(?:types|kinds|sorts|forms|classes|categories|examples)\s+of\b/i;
const PERSON_QUESTION = /^(?:who|whom|whose)\b|\b(?:which|what)\s+(?:person|people|man|woman|king|queen|emperor|president|leader|author|scientist)\b/i;
const PLACE_QUESTION = /^where\b|\b(?:what|which|in what|in which)\s+(?:country|countries|city|cities|region|continent|state|place|town|area|location|province)\b/i;

export function expectedAnswerType(question: string): AnswerType {
  const text = question.trim();
  if (DATE_QUESTION.test(text)) return 'date';
  if (NUMBER_QUESTION.test(text) || QUANTITY_HEAD_QUESTION.test(text)) return 'number';
  if (LIST_QUESTION.test(text)) return 'list';
  if (PERSON_QUESTION.test(text)) return 'person';
  if (PLACE_QUESTION.test(text)) return 'place';
  return 'other';
}

const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December';
const DATE_PATTERN = new RegExp(`\\b(?:1\\d{3}|20\\d{2}|\\d{1,3}0s)\\b|\\b\\d{1,2}(?:st|nd|rd|th)\\b|\\b(?:${MONTHS})\\b|\\b(?:BC|AD|BCE|CE)\\b`, 'g');
const NUMBER_PATTERN = /\b\d[\d,.]*\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|million|millions|billion|billions|dozen|half|quarter|double|twice|once)\b/gi;
const NAME_PATTERN = /\b\p{Lu}[\p{L}'’-]+(?:\s+(?:of|de|von|van|the)?\s*\p{Lu}[\p{L}'’-]+)*/gu;
/** Three or more items in a row: "influenza, RSV, adenovirus and rhinovirus" (items start with a letter: not "[1, 2, 3]"). */
const LIST_PATTERN = /\p{L}[^,;()]{0,60}(?:\([^()]{0,40}\)[^,;()]{0,20})?,\s+\p{L}[^,;()]{0,60}(?:\([^()]{0,40}\)[^,;()]{0,20})?,\s+(?:and\s+|or\s+)?\p{L}/u;
const PLACE_PATTERN = /\b(?:in|at|from|to|near|into|across|throughout)\s+(?:the\s+)?(?:\p{Ll}+\s+)?(\p{Lu}[\p{L}'’-]+)/gu;

/** True when `sentence` holds a candidate answer of `type` that is not one of the question's own words. */
export function holdsAnswerType(sentence: string, type: AnswerType, questionWords: ReadonlySet<string>): boolean {
  const fresh = (match: string) => !match.split(/\s+/).every((word) => questionWords.has(word.toLowerCase().replace(/['’]s$/, '')));
  switch (type) {
    case 'date':
      return [...sentence.matchAll(DATE_PATTERN)].some((match) => fresh(match[0]));
    case 'number':
      return [...sentence.matchAll(NUMBER_PATTERN)].some((match) => fresh(match[0]));
    case 'person':
      // Names after the sentence's first word (the first word is capitalised anyway).
      return [...sentence.matchAll(NAME_PATTERN)].some((match) => match.index > 0 && fresh(match[0]));
    case 'place':
      return [...sentence.matchAll(PLACE_PATTERN)].some((match) => fresh(match[1] ?? ''));
    case 'list':
      return LIST_PATTERN.test(sentence);
    case 'other':
      return false;
  }
}
