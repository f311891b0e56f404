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

/**
 * The names of the rules an excerpt breaks (empty when it shows no markup). `literals` are pieces
 * of code the page shows as text (see `codeLiterals`): `--port <number>` written in inline code is
 * the page's own text, not a leaked tag, so they are set aside before the prose rules look.
 */
export function findMarkupLeaks(text: string, kind?: string, literals: readonly string[] = []): string[] {
  const code = kind === 'code';
  const prose = literals.reduce((rest, literal) => rest.split(literal).join(' '), text);
  return LEAK_RULES.filter((rule) => (code ? rule.inCode && rule.pattern.test(text) : rule.pattern.test(prose))).map((rule) => rule.name);
}

/**
 * What a Markdown page shows literally inside code: the contents of its inline code spans and the
 * lines of its fenced blocks, where they hold a character a leak rule looks for (`<`, `*`, `_`, `|`,
 * `{`, `&`, `#`). Only Markdown sources have them; other formats give none.
 */
export function codeLiterals(markdown: string): string[] {
  const literals = new Set<string>();
  const interesting = /[<*_|{&#]/;
  for (const match of markdown.matchAll(/^[ \t]*(```|~~~)[^\n]*\n([\s\S]*?)^[ \t]*\1/gm)) {
    for (const line of (match[2] ?? '').split('\n')) if (interesting.test(line) && line.trim().length > 0) literals.add(line.trim());
  }
  for (const match of markdown.matchAll(/`([^`\n]+)`/g)) if (interesting.test(match[1]!)) literals.add(match[1]!);
  // Longest first, so that a span containing a shorter one is set aside whole.
  return [...literals].sort((a, b) => b.length - a.length);
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

/**
 * Counts leaking excerpts. `literalsOf` gives, for an excerpt's source, what that page shows
 * literally in code (`codeLiterals` of the file); without it every match counts.
 */
export function summarizeLeaks(excerpts: readonly ExcerptForLeaks[], maxExamples = 5, literalsOf: (source: string) => readonly string[] = () => []): LeakSummary {
  const byRule: Record<string, number> = {};
  const examples: LeakSummary['examples'] = [];
  let leaking = 0;
  for (const excerpt of excerpts) {
    const rules = findMarkupLeaks(excerpt.text, excerpt.kind, excerpt.source === undefined ? [] : literalsOf(excerpt.source));
    if (rules.length === 0) continue;
    leaking += 1;
    for (const rule of rules) byRule[rule] = (byRule[rule] ?? 0) + 1;
    if (examples.length < maxExamples) examples.push({ ...excerpt, rules });
  }
  return { excerpts: excerpts.length, leaking, byRule, examples };
}
