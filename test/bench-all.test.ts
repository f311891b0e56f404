import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { developmentSets, selectSets } from '../benchmarks/dev-sets.ts';
import { codeLiterals, findMarkupLeaks, summarizeLeaks } from '../benchmarks/markup-leaks.ts';
import { isVerbatim, prepareDocument } from '../benchmarks/verbatim.ts';

describe('markup-leak check', () => {
  it('passes prose as a reader sees it, including a lone star, a spaced pipe and a less-than sign', () => {
    for (const text of [
      'The Normans were famed for their martial spirit and their Christian piety.',
      '*Case number and percentage. **Incidence rate significantly higher than in other groups.',
      'Frontiers February 2013 | Volume 7 | Article 11 and the tracer',
      'if a < b then the value (x > 3) is kept',
      'p < 0.05* and 3 * 4 = 12, snake_case_name and __dirname',
    ]) {
      expect(findMarkupLeaks(text)).toEqual([]);
    }
  });

  it('names each kind of leaked syntax in prose', () => {
    const cases: Array<[string, string]> = [
      ['Connect the **blue cable** first.', 'strong/emphasis **'],
      ['See the __setup__ page.', 'strong/emphasis __'],
      ['The *Duchy* of Normandy', 'emphasis *'],
      ['an _unusual_ word', 'emphasis _'],
      ['::: warning Initially an interaction token', 'container :::'],
      ['download it from the [vendor site](https://example.org/x)', 'link ]('],
      ['Open <DocsLink path="/guide" /> for details', 'tag <Tag'],
      ['Run this:\n```bash\nnpm i\n```', 'code fence ```'],
      ['Run `vitest run` once.', 'inline code `'],
      ['## Embed limits\nEmbeds are limited', 'heading # at line start'],
      ['| Option | Default |\n| --- | --- |', 'table |'],
      ['Hello {{ user.name }}', 'template {{'],
      ['Tom &amp; Jerry', 'entity &…;'],
      ["include: ['src'], // [!code ++]", 'annotation [!code'],
    ];
    for (const [text, rule] of cases) expect(findMarkupLeaks(text)).toContain(rule);
  });

  it('lets code show code characters but not fences or annotations', () => {
    expect(findMarkupLeaks("include: ['**/*.ts'] # a comment\n<div>|x|</div>", 'code')).toEqual([]);
    expect(findMarkupLeaks('```ts\nconst a = 1\n```', 'code')).toEqual(['code fence ```']);
    expect(findMarkupLeaks("include: ['src'], // [!code ++]", 'code')).toEqual(['annotation [!code']);
  });

  it('takes a page\'s own inline code or code lines as text, not as a leaked tag, and still flags real tags', () => {
    const page = 'Set the reporter with `--reporter <name>`.\n\n```sh\nvitest --shard <index>/<count>\n```\n\n<Badge type="tip">new</Badge> Each <testcase> row.\n';
    const literals = codeLiterals(page);
    expect(literals).toEqual(expect.arrayContaining(['--reporter <name>', 'vitest --shard <index>/<count>']));
    expect(findMarkupLeaks('CLI: --reporter <name>', 'list', literals)).toEqual([]);
    expect(findMarkupLeaks('Run vitest --shard <index>/<count> in each job.', 'prose', literals)).toEqual([]);
    expect(findMarkupLeaks('CLI: --reporter <name>', 'list')).toEqual(['tag <Tag']);
    expect(findMarkupLeaks('Each <testcase> row.', 'prose', literals)).toEqual(['tag <Tag']);
    const summary = summarizeLeaks([{ question: 'q', text: 'CLI: --reporter <name>', source: 'page.md' }], 5, (source) => (source === 'page.md' ? literals : []));
    expect(summary.leaking).toBe(0);
  });

  it('counts leaking excerpts once each, by rule, with examples', () => {
    const summary = summarizeLeaks(
      [
        { question: 'q1', text: 'clean text' },
        { question: 'q2', text: '**bold** and `code`' },
        { question: 'q3', text: '`code` only' },
      ],
      1,
    );
    expect(summary).toMatchObject({ excerpts: 3, leaking: 2, byRule: { 'strong/emphasis **': 1, 'inline code `': 2 } });
    expect(summary.examples).toHaveLength(1);
    expect(summary.examples[0]?.question).toBe('q2');
  });
});

describe('development sets of bench:all', () => {
  const sets = developmentSets({ projectRoot: '/repo', sharedDir: '/data/shared/bench', generatedDir: '/repo/benchmarks/.generated' });

  it('lists the plain sets and the converted ones, each converted set scored against its plain-text source', () => {
    expect(sets.map((s) => s.name)).toEqual(['docs', 'papers', 'squad2', 'seeds', 'docs-site', 'docs.md', 'docs.html', 'docs.docx', 'docs.pdf', 'papers.pdf']);
    const pdf = sets.find((s) => s.name === 'papers.pdf')!;
    expect(pdf.docsDir).toBe(path.join('/repo/benchmarks/.generated', 'papers', 'pdf'));
    expect(pdf.qaFile).toBe('/data/shared/bench/papers/qa.json');
    expect(pdf.peerDocsDir).toBe('/data/shared/bench/papers/docs');
    expect(pdf.conversion).toEqual({ from: '/data/shared/bench/papers/docs', format: 'pdf' });
    expect(sets.find((s) => s.name === 'docs-site')?.qaFile).toBe('/repo/benchmarks/data/docs-site/qa.json');
    expect(sets.filter((s) => !s.shared).map((s) => s.name)).toEqual(['squad2', 'seeds']);
    expect(sets.find((s) => s.name === 'docs')?.offTopicQa).toEqual([
      '/data/shared/bench/papers/qa.json',
      '/repo/benchmarks/data/squad2-dev-sample/qa.json',
      '/repo/benchmarks/data/seed-questions.json',
      '/repo/benchmarks/data/docs-site/qa.json',
    ]);
    expect(sets.find((s) => s.name === 'docs-site')?.offTopicQa).toEqual([
      '/data/shared/bench/qa.json',
      '/data/shared/bench/papers/qa.json',
      '/repo/benchmarks/data/squad2-dev-sample/qa.json',
      '/repo/benchmarks/data/seed-questions.json',
    ]);
    expect(sets.find((s) => s.name === 'seeds')?.offTopicQa).toHaveLength(4);
  });

  it('asks the sets without the shared folder only the questions that are in the repository', () => {
    const local = developmentSets({ projectRoot: '/repo', sharedDir: undefined, generatedDir: '/repo/benchmarks/.generated' });
    expect(local.find((s) => s.name === 'squad2')?.offTopicQa).toEqual(['/repo/benchmarks/data/seed-questions.json']);
    expect(local.find((s) => s.name === 'seeds')?.offTopicQa).toEqual(['/repo/benchmarks/data/squad2-dev-sample/qa.json']);
  });

  it('selects sets by name in table order and refuses an unknown name', () => {
    expect(selectSets(sets, 'docs.pdf, docs').map((s) => s.name)).toEqual(['docs', 'docs.pdf']);
    expect(() => selectSets(sets, 'docs,nope')).toThrow(/unknown set "nope"/);
  });
});

describe('verbatim check', () => {
  const markdown = prepareDocument(
    '---\ntitle: "Normans"\n---\n\n# Normans\n\nThe **Normans** were the people of [France](https://example.org/France) and\nits dukes. Run `vitest run --coverage` once. <Badge type="tip">New</Badge> tag.\n',
  );

  it('accepts the document\'s words with the markup set aside, and cut pieces between … marks', () => {
    expect(isVerbatim('The Normans were the people of France and its dukes.', markdown)).toBe(true);
    expect(isVerbatim('…people of France… Run vitest run --coverage once.', markdown)).toBe(true);
    expect(isVerbatim('New tag.', markdown)).toBe(true);
  });

  it('refuses rewritten, reordered or foreign words', () => {
    expect(isVerbatim('The Normans were the folk of France.', markdown)).toBe(false);
    expect(isVerbatim('France were the people of the Normans.', markdown)).toBe(false);
    expect(isVerbatim('https example org France', markdown)).toBe(false);
  });

  it('keeps words in angle brackets that inline code or a code block shows, while tags outside code are set aside', () => {
    const page = prepareDocument('Pick one with `--coverage.provider <name>`.\n\n```\nthread \'<unnamed>\' panicked\n```\n\nA <Badge>tag</Badge> here.\n');
    expect(isVerbatim('Pick one with --coverage.provider <name>.', page)).toBe(true);
    expect(isVerbatim("thread '<unnamed>' panicked", page)).toBe(true);
    expect(isVerbatim('A tag here.', page)).toBe(true);
    expect(isVerbatim('A Badge tag here.', page)).toBe(false);
  });

});
