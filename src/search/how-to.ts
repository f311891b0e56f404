/**
 * How-to questions on technical documentation ("how do I run the tests once?", "is there a flag to
 * turn off isolation?", "which option sets the port?") are answered by something the reader can
 * type: a command, a flag, a configuration line, an API call. A sentence that holds one, or a line
 * of a code block, is worth showing before prose that only talks about the topic.
 */
import type { BlockKind } from '../documents/model.ts';

/**
 * Questions that ask what to do or type: "how do/can/should I…", "how to…", "is there a way/flag…",
 * "what/which flag, option, command, setting…", "can I…", at the start of the question or of a
 * clause after a symptom ("my .env variables are undefined, how do I load them?").
 */
const HOW_TO_QUESTION =
  /(?:^|[,;:.?!]\s+|\s[-–—]\s+)(?:how\s+(?:do|can|could|should|would|shall)\s+(?:i|we|you|one)\b|how\s+to\b|is\s+there\s+(?:a|an|any)\s+(?:way|option|flag|command|setting|config|api)|(?:what|which)\s+(?:flag|option|command|setting|config|configuration|cli|api|function|method|package|env|environment\s+variable)s?\b|(?:can|could)\s+i\b)/i;

/** True when `question` asks how to do something, so that something typed is the answer. */
export function isHowToQuestion(question: string): boolean {
  return HOW_TO_QUESTION.test(question.trim());
}

/**
 * Things a reader types, in reader text (markup gone): a flag (`--run`, `-t`), a dotted or called
 * identifier (`vi.mock`, `coverage.include`, `loadEnv(`), a configuration entry (`pool: 'forks'`,
 * `enabled: true`), an identifier in camelCase or snake_case (`testNamePattern`, `VITE_`), a
 * path or glob with a slash and a dot (`src/**\/*.ts`).
 */
const TYPED = [
  /(?:^|\s)--?[a-z][\w-]*(?:=\S+)?/i,
  /\b[a-z_$][\w$]*\.[a-z_$][\w$]*(?:\(|\b)/i,
  /\b[a-z_$][\w$]*\(/i,
  /\b[a-z_$][\w$]*:\s*(?:['"`{[]|true\b|false\b|\d)/i,
  /\b[a-z]+[a-z0-9]*[A-Z][a-zA-Z0-9]*\b/,
  /\b[A-Za-z]+_[A-Za-z0-9_]*\b/,
  /[\w*]\/[\w*.-]*\.[\w*{}]+/,
];

/** True when a sentence (in a block of `kind`) holds something a reader types, or is a line of code. */
export function holdsTypedText(sentence: string, kind: BlockKind | undefined): boolean {
  if (kind === 'code') return true;
  return TYPED.some((pattern) => pattern.test(sentence));
}
