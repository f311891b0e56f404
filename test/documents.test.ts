import { readFileSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprintDocumentsFolder, loadDocuments, DocumentsFolderError } from '../src/documents/load-documents.ts';
import { parseMetadata } from '../src/documents/formats/text.ts';
import { splitPassages } from '../src/documents/passages.ts';
import { splitSentences } from '../src/documents/sentences.ts';
import { folderWith, SEED_FILE, seedFolder, tempDir } from './support/temp.ts';

describe('loading documents', () => {
  it('skips binary, empty, non-UTF-8, oversized, unreadable and unsupported files, naming each, and loads the rest', async () => {
    const dir = folderWith({
      'good.txt': 'Lighthouses guide ships along dangerous coasts.',
      'nested/deeper/notes.md': '# Notes\n\nThe keeper trims the wick every night.',
      'binary.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02]),
      'empty.txt': '',
      'blank.md': '   \n\n  \n',
      'latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x6f, 0x69, 0x72]),
      'huge.txt': 'word '.repeat(400),
      'picture.png': Buffer.from([1, 2, 3]),
      '.hidden.txt': 'never read',
    });
    symlinkSync(path.join(dir, 'does-not-exist.txt'), path.join(dir, 'dangling.txt'));

    const { documents, skipped } = await loadDocuments(dir, { maxBytes: 1000 });

    expect(documents.map((document) => document.source).sort()).toEqual(['good.txt', 'nested/deeper/notes.md']);
    const reasons = Object.fromEntries(skipped.map((file) => [file.source, file.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['binary.txt', 'blank.md', 'dangling.txt', 'empty.txt', 'huge.txt', 'latin1.txt', 'picture.png']);
    expect(reasons['binary.txt']).toMatch(/binary/);
    expect(reasons['empty.txt']).toMatch(/empty/);
    expect(reasons['blank.md']).toMatch(/no text/);
    expect(reasons['latin1.txt']).toMatch(/UTF-8/);
    expect(reasons['huge.txt']).toMatch(/too large/);
    expect(reasons['dangling.txt']).toMatch(/unreadable: .*does not exist/);
    expect(reasons['picture.png']).toMatch(/not a format that is read \(\.png\).*Markdown/);
  });

  it('explains a missing documents folder instead of failing obscurely', async () => {
    await expect(loadDocuments(path.join(tempDir(), 'nope'))).rejects.toThrow(DocumentsFolderError);
    await expect(loadDocuments(path.join(tempDir(), 'nope'))).rejects.toThrow(/does not exist.*DOCS_DIR/);
  });

  it("reads the seed's leading date as metadata, not as answer text", async () => {
    const { documents } = await loadDocuments(seedFolder());
    const [seed] = documents;
    expect(seed?.metadata).toEqual({ date: '2024-01-05' });
    expect(seed?.text.slice(seed.bodyStart).startsWith('U.S. intelligence obtained')).toBe(true);
    const passages = splitPassages(seed!);
    expect(passages.some((passage) => passage.text.includes('date 2024'))).toBe(false);
  });

  it('reads front matter and key: value lines as metadata', () => {
    expect(parseMetadata('---\ntitle: "Guide"\nauthor: Ann\n---\nBody text.').metadata).toEqual({ title: 'Guide', author: 'Ann' });
    const lines = parseMetadata('Title: Release notes\nDate: 2024-02-01\n\nBody.');
    expect(lines.metadata).toEqual({ title: 'Release notes', date: '2024-02-01' });
    expect('Title: Release notes\nDate: 2024-02-01\n\nBody.'.slice(lines.bodyStart)).toBe('Body.');
    expect(parseMetadata('Dates matter in history.').metadata).toEqual({});
  });
});

describe('passages', () => {
  it('map back to the reader text exactly, with their paragraph and sentence offsets, and each block to its place in the file', async () => {
    const dir = folderWith({
      'guide.md': '# Lighthouse guide\r\n\r\nA lighthouse is a tower.\r\nIt was\r\nhard-wrapped here. Keepers lived on site.\r\n\r\n## Lamps\r\n\r\nEarly lamps burned whale oil. Later ones used kerosene! Did they smell? Yes.\r\n',
    });
    const { documents } = await loadDocuments(dir);
    const documentsToCheck = [...documents, ...(await loadDocuments(seedFolder())).documents];
    for (const document of documentsToCheck) {
      const passages = splitPassages(document, { targetChars: 60 });
      expect(passages.length).toBeGreaterThan(1);
      for (const passage of passages) {
        expect(document.text.slice(passage.start, passage.end)).toBe(passage.text);
        for (const sentence of passage.sentences) {
          expect(sentence.start).toBeGreaterThanOrEqual(passage.start);
          expect(sentence.end).toBeLessThanOrEqual(passage.end);
          expect(document.text.slice(sentence.start, sentence.end).trim()).toBe(document.text.slice(sentence.start, sentence.end));
        }
      }
    }
    const guide = splitPassages(documents[0]!, { targetChars: 60 });
    expect(guide[0]?.text).toBe('A lighthouse is a tower. It was hard-wrapped here.');
    expect(guide.find((passage) => passage.text.startsWith('Early lamps'))).toMatchObject({ paragraph: 2, heading: 'Lamps', section: ['Lamps'] });
    expect(guide.every((passage) => !passage.text.includes('#'))).toBe(true);
    const file = readFileSync(path.join(dir, 'guide.md'), 'utf8');
    const lamps = documents[0]!.blocks.find((block) => documents[0]!.text.slice(block.start, block.end).startsWith('Early lamps'))!;
    expect(file.slice(lamps.sourceStart, lamps.sourceEnd).startsWith('Early lamps burned whale oil.')).toBe(true);
  });

  it('have stable ids and never cross paragraphs', async () => {
    const { documents } = await loadDocuments(seedFolder());
    const first = splitPassages(documents[0]!);
    const again = splitPassages(documents[0]!);
    expect(again.map((passage) => passage.id)).toEqual(first.map((passage) => passage.id));
    expect(new Set(first.map((passage) => passage.id)).size).toBe(first.length);
    const paragraphs = readFileSync(SEED_FILE, 'utf8').split(/\n\s*\n/).map((paragraph) => paragraph.replace(/\s+/g, ' '));
    for (const passage of first) expect(paragraphs.some((paragraph) => paragraph.includes(passage.text))).toBe(true);
  });
});

describe('sentences', () => {
  it('do not end at titles, initials or abbreviations followed by a name', () => {
    const text = 'Gen. Qassem Soleimani was killed in a 2020 U.S. drone strike. J. R. R. Tolkien wrote it. Mr. Smith left.';
    expect(splitSentences(text).map((span) => text.slice(span.start, span.end))).toEqual([
      'Gen. Qassem Soleimani was killed in a 2020 U.S. drone strike.',
      'J. R. R. Tolkien wrote it.',
      'Mr. Smith left.',
    ]);
  });
});

describe('sentences and numbers', () => {
  it('end after "no." and "art." unless a number follows', () => {
    const text = 'The answer is yes or no. Notable examples follow. See No. 5 and p. 12 for more.';
    expect(splitSentences(text).map((span) => text.slice(span.start, span.end))).toEqual([
      'The answer is yes or no.',
      'Notable examples follow.',
      'See No. 5 and p. 12 for more.',
    ]);
  });
});

describe('fingerprints', () => {
  it('are reused for files whose size and modification time are unchanged, and recomputed otherwise', async () => {
    const dir = folderWith({ 'a.txt': 'Lighthouses guide ships.' });
    const { fingerprints, stamps } = await loadDocuments(dir);
    expect(await fingerprintDocumentsFolder(dir)).toEqual(fingerprints);
    // A known fingerprint with a matching stamp is trusted without reading the file...
    const known = { fingerprints: { 'a.txt': 'remembered' }, stamps };
    expect(await fingerprintDocumentsFolder(dir, undefined, known)).toEqual({ 'a.txt': 'remembered' });
    // ...and an edit of the same size, which moves the modification time, is noticed.
    writeFileSync(path.join(dir, 'a.txt'), 'Lighthouses guide boats.');
    utimesSync(path.join(dir, 'a.txt'), new Date(), new Date(Date.now() + 5000));
    const after = await fingerprintDocumentsFolder(dir, undefined, known);
    expect(after['a.txt']).not.toBe('remembered');
    expect(after['a.txt']).not.toBe(fingerprints['a.txt']);
  });
});
