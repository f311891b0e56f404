import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertSet, parseFormats } from '../benchmarks/formats/convert.ts';
import { escapeMarkdownInline, toMarkdown } from '../benchmarks/formats/markdown.ts';
import { hyphenationPoints, layoutLines } from '../benchmarks/formats/pdf.ts';
import { parseSourceText, wrapText } from '../benchmarks/formats/source.ts';
import { folderWith, tempDir } from './support/temp.ts';

const SAMPLE = [
  '# The Harbour Works',
  'The Harbour Works were built between 1820 and 1835 by the engineer Thomas Telford, whose *plans* survive.',
  'Construction',
  '1835. The breakwater was finished; its stones came from Portland & Purbeck, costing £12,000.',
  '- a line that looks like a list item, # and a hash, [brackets] and <angle> marks_with_underscores.',
  'Authors: Smith, Jane\nDate: 2020-01-01',
].join('\n\n');

/** Every word of `text`, in order. */
const words = (text: string): string[] => text.split(/\s+/).filter((w) => w.length > 0);

describe('bench:convert source model', () => {
  it('reads the title, keeps blocks in order and takes a short capitalised line without punctuation as a heading', () => {
    const document = parseSourceText('Harbour.txt', SAMPLE);
    expect(document.base).toBe('Harbour');
    expect(document.title).toBe('The Harbour Works');
    expect(document.blocks.map((b) => b.kind)).toEqual(['paragraph', 'heading', 'paragraph', 'paragraph', 'paragraph']);
  });

  it('marks up only words already in the text: the runs put together are the paragraph', () => {
    const document = parseSourceText('Harbour.txt', SAMPLE);
    for (const block of document.blocks) {
      if (block.kind === 'paragraph') expect(block.runs.map((run) => run.text).join('')).toBe(block.text);
    }
    const first = document.blocks[0];
    expect(first?.kind === 'paragraph' && first.runs.some((run) => run.kind === 'strong' && run.text === 'The Harbour Works')).toBe(true);
  });

  it('never starts a wrapped line with a token a Markdown reader takes as a block marker', () => {
    const lines = wrapText('one two three - four five 1. six seven # eight nine > ten', 10);
    expect(lines.join(' ')).toBe('one two three - four five 1. six seven # eight nine > ten');
    for (const line of lines.slice(1)) expect(line).not.toMatch(/^([-+*>#]|\d+\.)(\s|$)/);
  });
});

describe('bench:convert Markdown', () => {
  it('writes front matter with title and url, and escapes what Markdown would read as syntax', () => {
    const markdown = toMarkdown(parseSourceText('Harbour.txt', SAMPLE));
    expect(markdown).toMatch(/^---\ntitle: "The Harbour Works"\nurl: "https:\/\/wiki\.example\.org\/wiki\/The_Harbour_Works"\n---\n\n# The Harbour Works\n/);
    expect(markdown).toContain('## Construction');
    expect(markdown).toContain('1835\\. The breakwater');
    expect(markdown).toContain('\\- a line that looks');
    expect(markdown).toContain('whose \\*');
    expect(markdown).toContain('marks\\_with\\_underscores');
    expect(escapeMarkdownInline('[a] <b> c_d ~e~ &amp;')).toBe('\\[a\\] \\<b> c\\_d \\~e\\~ \\&amp;');
  });
});

describe('bench:convert PDF layout', () => {
  // A fixed-width measure: one unit per character.
  const measure = (text: string): number => [...text].length;

  it('hyphenates only words of letters, leaving at least three letters on each side', () => {
    expect(hyphenationPoints('construction')).not.toHaveLength(0);
    for (const point of hyphenationPoints('construction')) {
      expect(point).toBeGreaterThanOrEqual(3);
      expect('construction'.length - point).toBeGreaterThanOrEqual(3);
    }
    expect(hyphenationPoints('2019-nCoV')).toEqual([]);
    expect(hyphenationPoints('well-known')).toEqual([]);
  });

  it('keeps lines within the width and loses no word: rejoining hyphenated line ends gives the text back', () => {
    const text = 'The breakwater construction was finished in 1835, and the administration of the harbour passed to the commissioners.';
    const lines = layoutLines(text, 24, measure);
    for (const line of lines) expect(measure(line)).toBeLessThanOrEqual(24);
    expect(lines.some((line) => /\p{L}-$/u.test(line))).toBe(true);
    expect(lines.join('\n').replace(/(\p{L})-\n/gu, '$1').replace(/\n/g, ' ')).toBe(text);
  });

  it('cuts a token longer than a line where it must', () => {
    const lines = layoutLines('see https://example.org/a/very/long/path/that/never/fits', 20, measure);
    for (const line of lines) expect(measure(line)).toBeLessThanOrEqual(20);
    expect(lines.join('')).toContain('fits');
  });
});

describe('bench:convert', () => {
  it('writes every format to its own folder with the source base names', async () => {
    const from = folderWith({ 'Harbour.txt': SAMPLE, 'Second_Doc.txt': '# Second doc\n\nA short paragraph about lighthouses.' });
    const to = tempDir();
    const result = await convertSet({ from, to, formats: parseFormats('md,html,docx,pdf') });
    expect(result.documents).toBe(2);
    for (const format of ['md', 'html', 'docx', 'pdf']) {
      expect(readdirSync(path.join(to, format)).sort()).toEqual([`Harbour.${format}`, `Second_Doc.${format}`]);
    }
    const html = readFileSync(path.join(to, 'html', 'Harbour.html'), 'utf8');
    expect(html).toContain('<link rel="canonical" href="https://wiki.example.org/wiki/The_Harbour_Works">');
    expect(html).toMatch(/<main[^>]*>[\s\S]*<article>[\s\S]*<h1>The Harbour Works<\/h1>[\s\S]*<\/article>[\s\S]*<\/main>/);
    for (const chrome of ['<nav', 'cookie-banner', '<footer', '<script', '<style']) expect(html).toContain(chrome);
    expect(html).toContain(' &amp; ');
    expect(html).toContain('costing &pound;12,000');
    expect(readFileSync(path.join(to, 'pdf', 'Harbour.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(readFileSync(path.join(to, 'docx', 'Harbour.docx')).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(words(readFileSync(path.join(to, 'md', 'Second_Doc.md'), 'utf8'))).toContain('lighthouses.');
  });

  it('refuses an unknown format by name', () => {
    expect(() => parseFormats('md,odt')).toThrow(/unknown format "odt"/);
  });
});
