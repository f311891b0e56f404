/**
 * The markup-leak check: does an excerpt show a reader markup syntax instead of the text it stands
 * for? Each rule names one kind of leak a Markdown, HTML or documentation-site source produces when
 * its syntax is not removed (`**bold**`, `[text](url)`, `::: tip`, `<DocsLink …/>`, `` `code` ``,
 * `## Heading`, `| a | b |`, `{{ var }}`, `&amp;`).
 *
 * Code is shown as code: an excerpt whose `kind` is `code` may hold any of these characters (a glob
 * `**∕*.ts`, a `#` comment, `<div>`), so only what never belongs inside a code block as a reader
 * sees it (fence lines, VitePress `[!code …]` annotations) counts there. An excerpt without a kind
 * is checked as prose, which is what a reader gets when the system cannot tell code from prose.
 */

export interface LeakRule {
  name: string;
  pattern: RegExp;
  /** Also applies to code excerpts. */
  inCode: boolean;
}

export const LEAK_RULES: readonly LeakRule[] = [
  // In pairs around words, as Markdown writes them: a lone `**` is a footnote mark in many papers.
  { name: 'strong/emphasis **', pattern: /(^|[\s(["'])\*\*[^\s*][^*\n]*?\*\*($|[\s.,;:!?)"'])/, inCode: false },
  { name: 'strong/emphasis __', pattern: /(^|[\s(["'])__[^\s_][^_\n]*?__($|[\s.,;:!?)"'])/, inCode: false },
  { name: 'emphasis *', pattern: /(^|[\s(["'])\*[^\s*][^*\n]*?[^\s*]\*($|[\s.,;:!?)"'])|(^|[\s(["'])\*[^\s*]\*($|\s)/, inCode: false },
  { name: 'emphasis _', pattern: /(^|[\s(["'])_[^\s_][^_\n]*?[^\s_]_($|[\s.,;:!?)"'])/, inCode: false },
  { name: 'container :::', pattern: /(^|\n)\s*:::/, inCode: true },
  { name: 'link ](', pattern: /\]\(/, inCode: false },
  { name: 'tag <Tag', pattern: /<\/?[A-Za-z][\w.-]*(\s[^<>]*)?\/?>|<[A-Z][\w.-]*[\s/]/, inCode: false },
  { name: 'code fence ```', pattern: /```|~~~/, inCode: true },
  { name: 'inline code `', pattern: /`/, inCode: false },
  { name: 'heading # at line start', pattern: /(^|\n)\s{0,3}#{1,6}\s/, inCode: false },
  // A row's edge pipes (at a line's start or end, or two in a row where flattened rows meet) and the
  // separator row; a lone ` | ` between words (a journal's running header) is not a table.
  { name: 'table |', pattern: /(^|\n)[ \t]*\|[^\n]*\||\|[ \t]*(\n|$)|\|\s*\||\|\s*:?-{3,}/, inCode: false },
  { name: 'template {{', pattern: /\{\{/, inCode: false },
  { name: 'entity &…;', pattern: /&(#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]{1,31});/, inCode: false },
  { name: 'annotation [!code', pattern: /\[!code\b|\{#[\w-]+\}/, inCode: true },
];

/** The names of the rules an excerpt breaks (empty when it shows no markup). */
export function findMarkupLeaks(text: string, kind?: string): string[] {
  const code = kind === 'code';
  return LEAK_RULES.filter((rule) => (code ? rule.inCode : true) && rule.pattern.test(text)).map((rule) => rule.name);
}

export interface ExcerptForLeaks {
  question: string;
  text: string;
  kind?: string;
  source?: string;
}

export interface LeakSummary {
  /** Excerpts scanned. */
  excerpts: number;
  /** Excerpts that break at least one rule. */
  leaking: number;
  /** Leaking excerpts by rule (an excerpt can count under several). */
  byRule: Record<string, number>;
  /** The first few leaking excerpts, for --verbose. */
  examples: Array<ExcerptForLeaks & { rules: string[] }>;
}

export function summarizeLeaks(excerpts: readonly ExcerptForLeaks[], maxExamples = 5): LeakSummary {
  const byRule: Record<string, number> = {};
  const examples: LeakSummary['examples'] = [];
  let leaking = 0;
  for (const excerpt of excerpts) {
    const rules = findMarkupLeaks(excerpt.text, excerpt.kind);
    if (rules.length === 0) continue;
    leaking += 1;
    for (const rule of rules) byRule[rule] = (byRule[rule] ?? 0) + 1;
    if (examples.length < maxExamples) examples.push({ ...excerpt, rules });
  }
  return { excerpts: excerpts.length, leaking, byRule, examples };
}
