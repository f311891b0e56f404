/**
 * Definitions and acronyms: "What is hepcidin?", "What does MERS-CoV stand for?", "What is PPE?".
 * The sentence that answers them is the one that defines the term ("Hepcidin is a peptide
 * hormone...", "Middle East respiratory syndrome coronavirus (MERS-CoV)", "PPE, or personal
 * protective equipment,"), which may share fewer words with the question than sentences that
 * merely use the term.
 */

const DEFINITION_QUESTIONS: RegExp[] = [
  /^what (?:does|do|did) (?:the )?(?:acronym |abbreviation |term )?(.+?) (?:stand|stands) for$/i,
  /^what (?:is|are|was|were) (?:the )?(?:acronym|abbreviation|term|meaning of|definition of) (.+)$/i,
  /^what (?:is|are) meant by (.+)$/i,
  /^(?:define|definition of) (.+)$/i,
  /^what (?:is|are|was|were) (?:an? |the )?((?:[\p{L}\p{N}][\p{L}\p{N}'’.-]*)(?: [\p{L}\p{N}][\p{L}\p{N}'’.-]*){0,3})$/iu,
];

/** Most words a term defined can have ("the severe acute respiratory syndrome" is a question about something else). */
const MOST_TOPIC_WORDS = 4;

/** The term a definition question asks about, without articles, or undefined. */
export function definitionTopic(question: string): string | undefined {
  const text = question.trim().replace(/[?.!\s]+$/u, '').replace(/\s+/g, ' ');
  for (const pattern of DEFINITION_QUESTIONS) {
    const topic = pattern.exec(text)?.[1]?.replace(/^(?:an?|the) /i, '').trim();
    if (topic && topic.split(' ').length <= MOST_TOPIC_WORDS) return topic;
  }
  return undefined;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const COPULA = String.raw`(?:is|are|was|were|refers to|refer to|means|denotes|stands for|is defined as|are defined as)`;

/** True when `sentence` defines `topic`: "X is a…", "X (ABBR)", "Long form (X)", "X, or …,", "called X". */
export function definesTopic(sentence: string, topic: string): boolean {
  const term = escape(topic);
  const patterns = [
    // "Hepcidin is a peptide hormone", "Sporulation (spore formation) is an adaptive strategy"
    new RegExp(String.raw`(?:^|[^\p{L}\p{N}])${term}(?:\s*\([^)]{1,80}\))?,?\s+${COPULA}\s+(?:an?|the|one|any|defined|used|known|also)\b`, 'iu'),
    // "Personal Protective Equipment (PPE)", "MERS-CoV (Middle East respiratory syndrome coronavirus)"
    new RegExp(String.raw`[\p{L}\p{N}][^()]{2,120}\(\s*${term}\s*[),;]|(?:^|[^\p{L}\p{N}])${term}\s*\([^)]{4,120}\)`, 'iu'),
    // "PPE, or personal protective equipment," "hepcidin, a peptide hormone,"
    new RegExp(String.raw`(?:^|[^\p{L}\p{N}])${term},\s+(?:or|i\.e\.|that is|an?|the)\s+[^,]{3,120}(?:,|[.;]?\s*$)`, 'iu'),
    // "a hormone called hepcidin", "known as the PHEIC"
    new RegExp(String.raw`(?:called|termed|known as|named|dubbed)\s+(?:the\s+)?${term}(?:[^\p{L}\p{N}]|$)`, 'iu'),
  ];
  return patterns.some((pattern) => pattern.test(sentence));
}
