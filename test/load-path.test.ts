/**
 * What opening an index reads without making every passage: the outline of documents and sections,
 * the English word counts looked up in their file, the summary options apart from the summaries.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildIndex, loadIndex } from '../src/index/index-store.ts';
import { columnReader, encodeColumn } from '../src/index/passage-columns.ts';
import { outlineOfPassages } from '../src/index/passage-outline.ts';
import { englishFrequencies, frequenciesFromJson } from '../src/search/english-frequency.ts';
import { DocumentQa } from '../src/service/document-qa.ts';
import { summariesStaleness, SUMMARY_OPTIONS_ATTACHMENT } from '../src/service/summaries.ts';
import { folderWith, tempDir, testConfig } from './support/temp.ts';

const GUIDE = [
  '# Lighthouse guide',
  '',
  'The keeper trims the wick every night and logs passing ships.',
  '',
  '## Lamps',
  '',
  'Oil lamps were replaced by electric ones in the last century.',
  '',
  '### Lenses',
  '',
  'A Fresnel lens bends the light into one strong beam.',
  '',
  '## Weather',
  '',
  'Storms are logged with their wind speed and direction.',
].join('\n');

describe('opening an index without making every passage', () => {
  it('gives the outline of documents and sections that the passages themselves give', async () => {
    const indexDir = tempDir();
    await buildIndex({
      docsDir: folderWith({ 'guide.md': GUIDE, 'notes.txt': 'Beekeepers harvest honey in late summer.\n\nThe hives rest in winter.' }),
      indexDir,
      embedder: null,
      requestedModel: 'none',
    });
    const outline = (await loadIndex(indexDir)).passageOutline?.();
    const fromPassages = outlineOfPassages((await loadIndex(indexDir)).passages);
    expect(outline).toEqual(fromPassages);
    expect(outline?.map((entry) => entry.section.at(-1) ?? entry.title)).toEqual(
      expect.arrayContaining(['Lamps', 'Lenses', 'Weather', 'Notes']),
    );
  });

  it('reads English word counts from their file as parsing it would', () => {
    const text = readFileSync(new URL('../src/search/english-terms.json', import.meta.url), 'utf8');
    const parsed = JSON.parse(text) as { total: number; terms: Record<string, number> };
    const looked = frequenciesFromJson(text);
    expect(looked.total).toBe(parsed.total);
    // Every 25th term, and the last (each lookup scans the text: all 41,000 would take seconds).
    const entries = Object.entries(parsed.terms);
    for (const [term, count] of [...entries.filter((_, i) => i % 25 === 0), ...entries.slice(-1)]) expect(looked.count(term)).toBe(count);
    // Keys outside "terms" are not terms; an unknown term counts 0.
    expect(looked.count('source')).toBe(parsed.terms.source ?? 0);
    expect(englishFrequencies().count('zzqxjv')).toBe(0);
  });

  it('stores the summary options apart, and a change of option makes the summaries stale', async () => {
    const indexDir = tempDir();
    const config = testConfig({ DOCS_DIR: folderWith({ 'guide.md': GUIDE }), INDEX_DIR: indexDir });
    await (await DocumentQa.open(config)).close();
    const index = await loadIndex(indexDir);
    expect(index.attachments?.get(SUMMARY_OPTIONS_ATTACHMENT)).toEqual({ options: { maxSentences: config.summarySentences } });
    expect(summariesStaleness(index, { maxSentences: config.summarySentences })).toBeUndefined();
    expect(summariesStaleness(index, { maxSentences: config.summarySentences + 1 })).toBe('the summary settings changed');
  });

  it('stores each passage column in its most compact form and reads back every value', () => {
    const sections = Array.from({ length: 12 }, (_, i) => (i < 8 ? ['Lamps'] : i < 10 ? ['Lamps', 'Lenses'] : []));
    const ids = Array.from({ length: 12 }, (_, i) => `guide.md#${i + 1}.1`);
    const pages = Array.from({ length: 12 }, (_, i) => (i % 3 === 0 ? undefined : { page: i, note: `p${i}` }));
    const cases = [
      { values: sections, form: 'dictionary' },
      { values: ids, form: 'lines' },
      { values: pages, form: 'values' },
      { values: ['only one'], form: 'lines' },
      { values: ['', 'two\nlines', ''], form: 'values' },
    ];
    for (const { values, form } of cases) {
      const stored = JSON.parse(JSON.stringify(encodeColumn(values))) as ReturnType<typeof encodeColumn>;
      expect(stored.form).toBe(form);
      const reader = columnReader(stored, values.length, 'test');
      expect(values.map((_, i) => reader.value(i))).toEqual(values);
    }
    // Passages never share a value: changing one passage's section leaves the others as they were.
    const reader = columnReader(encodeColumn(sections), sections.length, 'section');
    (reader.value(0) as string[]).push('changed');
    expect(reader.value(1)).toEqual(['Lamps']);
    expect(() => columnReader({ form: 'lines', text: 'a\nb' }, 3, 'id').value(0)).toThrow(/column id is malformed/);
  });
});
