import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprintDocumentsFolder, loadDocuments } from '../src/documents/load-documents.ts';
import type { Answer } from '../src/search/types.ts';
import { DocumentQa } from '../src/service/document-qa.ts';
import { sitePage, writeDocx, writePdf, writeTwoColumnPdf } from './support/format-files.ts';
import { folderWith, tempDir, testConfig } from './support/temp.ts';

/** Markup syntax a reader must never see in an excerpt (code excerpts may hold code). */
const MARKUP = [/\*\*/, /\]\(/, /:::/, /<\/?[A-Za-z][^>]*>/, /`/, /^#{1,6}\s/m, /\|/, /\{#/];

function expectNoMarkup(answer: Answer): void {
  for (const excerpt of answer.excerpts) {
    const prose = excerpt.parts.filter((part) => part.kind !== 'code').map((part) => part.text).join('\n');
    for (const pattern of MARKUP) expect(prose, `${pattern} in "${prose}"`).not.toMatch(pattern);
  }
}

async function openLexical(docsDir: string, env: Record<string, string> = {}): Promise<DocumentQa> {
  return DocumentQa.open(testConfig({ DOCS_DIR: docsDir, INDEX_DIR: tempDir(), EMBEDDING_MODEL: '/nonexistent/model', ...env }));
}

describe('a PDF of two pages with a running header, page numbers and a hyphenated line break', () => {
  let qa: DocumentQa;
  let docsDir: string;
  beforeAll(async () => {
    const pdf = await writePdf(
      [
        {
          lines: [
            'The keeper climbs the tower at dusk and lights the lantern before the first',
            'ships pass the reef. The lantern burns paraffin and is trimmed every four',
            'hours through the night.',
            '',
            'A fog signal sounds every thirty seconds when visibility falls below two',
            'nautical miles, and the keeper logs each fog watch in the journal.',
          ],
        },
        {
          heading: 'Lamp oil',
          lines: ['Colza oil was replaced by paraffin because paraffin burns with a bright-', 'er flame and costs less per hour of light.'],
        },
      ],
      { runningHeader: 'Harbour Service - Keeper Handbook', title: 'Keeper Handbook', subject: 'https://harbour.example/handbook.pdf' },
    );
    const encrypted = await writePdf([{ lines: ['A secret lantern schedule.'] }], { runningHeader: 'Secret', userPassword: 'lantern' });
    docsDir = folderWith({ 'handbook.pdf': pdf, 'locked.pdf': encrypted, 'broken.pdf': '%PDF-1.7\nthis is not a real PDF body\n%%EOF' });
    qa = await openLexical(docsDir);
  });
  afterAll(() => qa.close());

  it('answers from the right page, with the word rejoined, the page and section cited and the link from metadata', async () => {
    const answer = await qa.ask('Why was colza oil replaced by paraffin?');
    expect(answer.excerpts[0]).toMatchObject({ source: 'handbook.pdf', location: 'page 2, Lamp oil', page: 2, url: 'https://harbour.example/handbook.pdf#page=2', kind: 'prose' });
    expect(answer.excerpts[0]?.text).toContain('paraffin burns with a brighter flame and costs less per hour of light.');
    const fog = await qa.ask('How often does the fog signal sound?');
    expect(fog.excerpts[0]).toMatchObject({ location: 'page 1' });
    expect(fog.excerpts[0]?.text).toContain('A fog signal sounds every thirty seconds when visibility falls below two nautical miles');
    expectNoMarkup(answer);
  });

  it('leaves the running header and the page numbers out of the text, and joins hard-wrapped lines', async () => {
    const { documents } = await loadDocuments(docsDir);
    const handbook = documents.find((document) => document.source === 'handbook.pdf');
    expect(handbook?.title).toBe('Keeper Handbook');
    expect(handbook?.text).not.toContain('Harbour Service');
    expect(handbook?.text).not.toMatch(/(^|\n)\s*[12]\s*(\n|$)/);
    expect(handbook?.text).toContain('before the first ships pass the reef.');
  });

  it('skips an encrypted PDF and a damaged one, each with its reason, and indexes the rest', () => {
    const skipped = Object.fromEntries(qa.info().skipped.map((file) => [file.source, file.reason]));
    expect(skipped['locked.pdf']).toMatch(/encrypted PDF.*password/);
    expect(skipped['broken.pdf']).toMatch(/not a valid PDF|damaged PDF/);
    expect(qa.info().documents.map((document) => document.source)).toEqual(['handbook.pdf']);
  });
});

describe('a PDF set in two columns', () => {
  it('reads each paragraph whole, also the one that flows from the first column into the second', async () => {
    const paragraphs = Array.from({ length: 8 }, (_, i) => `Paragraph ${i + 1} tells how the keeper trims the wick and checks the oil level every evening before the ships pass the reef at dusk.`);
    const { documents } = await loadDocuments(folderWith({ 'columns.pdf': await writeTwoColumnPdf('Evening duties', paragraphs) }));
    expect(documents[0]?.title).toBe('Evening duties');
    expect(documents[0]?.text.split('\n\n').slice(1)).toEqual(paragraphs);
  });
});

describe('a Word document with headings', () => {
  let qa: DocumentQa;
  beforeAll(async () => {
    const docx = await writeDocx('Lantern Maintenance', [
      { heading: 'Cleaning the lens', paragraphs: ['Polish the lens weekly with a soft chamois and spirit to remove salt.'] },
      { heading: 'Replacing the mantle', paragraphs: ['Replace the mantle when it shows holes or the flame turns yellow.'] },
    ]);
    qa = await openLexical(folderWith({ 'manuals/maintenance.docx': docx, 'manuals/old.docx': Buffer.from('PK\u0003\u0004 not a zip archive at all') }), {
      DOCS_BASE_URL: 'https://docs.harbour.example/',
    });
  });
  afterAll(() => qa.close());

  it('cites the heading as the section and links the file on the site with the section anchor', async () => {
    const answer = await qa.ask('How often should the lens be polished?');
    expect(answer.excerpts[0]).toMatchObject({
      source: 'manuals/maintenance.docx',
      title: 'Lantern Maintenance',
      location: 'Cleaning the lens',
      url: 'https://docs.harbour.example/manuals/maintenance.docx#cleaning-the-lens',
    });
    expect(answer.excerpts[0]?.text).toBe('Polish the lens weekly with a soft chamois and spirit to remove salt.');
    expectNoMarkup(answer);
  });

  it('skips a broken Word file with its reason', () => {
    expect(qa.info().skipped).toEqual([{ source: 'manuals/old.docx', reason: expect.stringMatching(/not a valid Word document/) }]);
  });
});

describe('an HTML page with navigation, a cookie banner and a footer', () => {
  let qa: DocumentQa;
  beforeAll(async () => {
    const page = sitePage({
      title: 'Fresnel lens',
      canonical: 'https://harbour.example/wiki/fresnel-lens',
      articleHtml: `<h1>Fresnel lens</h1>
<p>A <strong>Fresnel lens</strong> focuses the lantern light into a beam seen from twenty nautical miles.</p>
<h2 id="history">History</h2>
<p>Augustin <a href="https://evil.example/a">Fresnel</a> designed the lens in 1822 for French lighthouses.<img src="x.png" alt="A first-order lens"></p>`,
    });
    qa = await openLexical(folderWith({ 'fresnel.html': page }));
  });
  afterAll(() => qa.close());

  it('answers from the article with the section cited and the canonical link, never from the site chrome', async () => {
    const answer = await qa.ask('Who designed the Fresnel lens?');
    expect(answer.excerpts[0]).toMatchObject({ title: 'Fresnel lens', location: 'History', url: 'https://harbour.example/wiki/fresnel-lens#history' });
    expect(answer.excerpts[0]?.text).toContain('Augustin Fresnel designed the lens in 1822 for French lighthouses.');
    for (const excerpt of answer.excerpts) expect(excerpt.url).not.toContain('evil.example');
    expectNoMarkup(answer);
    const chrome = await qa.ask('Do you use cookies to remember lantern preferences and accept all cookies?');
    for (const excerpt of chrome.excerpts) expect(excerpt.text).not.toMatch(/cookie|Share this page|Harbour Wiki|tracking/i);
  });
});

describe('a documentation page in Markdown with front matter, containers, components, code, a list and a table', () => {
  const page = `---
title: "Keeper guide | Harbour docs"
url: https://harbour.example/guide/keeper
---

# Keeper guide

::: tip Before you start
Read the **safety rules** in the [rules page](https://evil.example/rules) first.
:::

<DocsLink href="/rules" label="Rules" />

## Installing the logbook {#install}

You can install the logbook tool via the following command:

\`\`\`sh
npm install -g harbour-logbook # [!code focus]
logbook init
\`\`\`

## Daily checks

Every morning the keeper checks the following:

- the lantern glass for salt
- the fuel level in the tank
  - refill it when below half

| Item | Interval |
| --- | --- |
| Lens polish | weekly |
| Mantle replacement | monthly |
`;
  let qa: DocumentQa;
  let docsDir: string;
  beforeAll(async () => {
    docsDir = folderWith({ 'guide/keeper.md': page, 'snippets.md': '```py\n# not a title\nprint("lantern")\n```\n\nThe snippet prints lantern.\n' });
    qa = await openLexical(docsDir);
  });
  afterAll(() => qa.close());

  it('shows a how-to answer as its lead-in with the whole command, as code, under its section, linked to the page anchor', async () => {
    const answer = await qa.ask('How do I install the logbook tool?');
    const first = answer.excerpts[0];
    expect(first).toMatchObject({ source: 'guide/keeper.md', title: 'Keeper guide', kind: 'code', location: 'Installing the logbook', url: 'https://harbour.example/guide/keeper#install' });
    expect(first?.text).toBe('You can install the logbook tool via the following command:\nnpm install -g harbour-logbook\nlogbook init');
    expect(first?.parts.map((part) => part.kind)).toEqual(['paragraph', 'code']);
    expect(first?.parts[1]).toMatchObject({ language: 'sh' });
    expectNoMarkup(answer);
  });

  it('keeps a list with the sentence that introduces it, and reads a table row as text', async () => {
    const answer = await qa.ask('What does the keeper check every morning?');
    expect(answer.excerpts[0]).toMatchObject({ kind: 'list', location: 'Daily checks' });
    expect(answer.excerpts[0]?.text).toBe('Every morning the keeper checks the following:\nthe lantern glass for salt\nthe fuel level in the tank\nrefill it when below half');
    const table = await qa.ask('How often is the mantle replaced?');
    expect(table.excerpts[0]?.text).toContain('Mantle replacement · monthly');
    expectNoMarkup(answer);
    expectNoMarkup(table);
  });

  it('drops container markers and components but keeps their text, and takes no link from the text', async () => {
    const answer = await qa.ask('Where are the safety rules?');
    expect(answer.excerpts[0]?.text).toContain('Read the safety rules in the rules page first.');
    expect(answer.excerpts[0]?.url).toBe('https://harbour.example/guide/keeper');
    expectNoMarkup(answer);
  });

  it('takes the title from # Title after front matter, and never from a # comment inside code', async () => {
    const { documents } = await loadDocuments(docsDir);
    expect(documents.find((document) => document.source === 'guide/keeper.md')?.title).toBe('Keeper guide');
    expect(documents.find((document) => document.source === 'snippets.md')?.title).toBe('Snippets');
    const keeper = documents.find((document) => document.source === 'guide/keeper.md');
    expect(keeper?.metadata).toMatchObject({ title: 'Keeper guide | Harbour docs', url: 'https://harbour.example/guide/keeper' });
  });
});

describe('plain text as people save it', () => {
  it('reads UTF-16 with a byte-order mark and CRLF line ends', async () => {
    const text = '# Tide tables\r\n\r\nHigh tide comes twice a day at the harbour.\r\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const dir = folderWith({ 'tides.txt': utf16 });
    const { documents, skipped } = await loadDocuments(dir);
    expect(skipped).toEqual([]);
    expect(documents[0]).toMatchObject({ title: 'Tide tables', text: 'Tide tables\n\nHigh tide comes twice a day at the harbour.' });
  });
});

describe('a documents folder', () => {
  it('follows a symbolic link to a folder, and reports a link back to a folder above it instead of looping', async () => {
    const outside = folderWith({ 'lamps.md': '# Lamps\n\nArgand lamps use a hollow wick.' });
    const dir = folderWith({ 'index.md': '# Index\n\nSee the lamps.' });
    const { symlinkSync } = await import('node:fs');
    symlinkSync(outside, path.join(dir, 'linked'));
    symlinkSync(dir, path.join(dir, 'loop'));
    const { documents, skipped } = await loadDocuments(dir);
    expect(documents.map((document) => document.source).sort()).toEqual(['index.md', 'linked/lamps.md']);
    expect(skipped).toEqual([{ source: 'loop', reason: expect.stringMatching(/symbolic link loop/) }]);
  });

  it('counts every format that is read in the fingerprint that tells when the index is stale', async () => {
    const dir = folderWith({ 'a.pdf': '%PDF-1.7', 'b.docx': 'PK', 'c.html': '<p>x</p>', 'd.htm': '<p>x</p>', 'e.mdx': 'x', 'f.markdown': 'x', 'g.png': 'x' });
    expect(Object.keys(await fingerprintDocumentsFolder(dir)).sort()).toEqual(['a.pdf', 'b.docx', 'c.html', 'd.htm', 'e.mdx', 'f.markdown']);
  });

  it('shows a file name with a line break on one line', async () => {
    const dir = folderWith({});
    writeFileSync(path.join(dir, 'two\nlines.txt'), 'The lantern room sits at the top.');
    const { documents } = await loadDocuments(dir);
    expect(documents[0]?.source).toBe('two lines.txt');
  });
});
