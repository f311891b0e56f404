/**
 * Questions asked in slightly different ways count together in the report: case, spacing and
 * trailing punctuation do not make a new question.
 */
export function questionKey(question: string): string {
  return question
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .replace(/[\s?!.。？！…]+$/u, '')
    .trim();
}
