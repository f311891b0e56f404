/**
 * Checks that a conversion kept every word: extracts the text back from each converted file with
 * independent tools and compares its word sequence with the source's.
 *
 *   npm run -s bench:convert:check -- --from DIR --converted OUTDIR
 *
 * A verification aid for `bench:convert`, not part of any test: PDF text comes from `pdftotext`
 * (Debian's poppler-utils), DOCX text from `unzip -p` of word/document.xml; HTML and Markdown are
 * read with small rules that know what the converter writes. Extracted PDF text has its running
 * header and page numbers dropped and hyphenated line ends rejoined before comparing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FORMATS, type Format } from './convert.ts';
import { readSourceSet, type SourceDocument } from './source.ts';

function words(text: string): string[] {
  return text
    .normalize('NFC')
    .split(/\s+/)
    .filter((word) => word.length > 0);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", copy: '©', eacute: 'é', egrave: 'è', aacute: 'á', uacute: 'ú', iuml: 'ï', mdash: '—', ndash: '–', rsquo: '’', lsquo: '‘', pound: '£', deg: '°' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

function extract(format: Format, file: string, content: Buffer, document: SourceDocument): string {
  switch (format) {
    case 'md': {
      const text = content.toString('utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
      return text
        .replace(/^#{1,6} /gm, '')
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/\*\*([^*]+)\*\*/g, '$1')
        .replace(/(?<!\\)\*([^*\s][^*]*)\*/g, '$1')
        .replace(/\\([\\`*_[\]<~&#>+=.)-])/g, '$1');
    }
    case 'html': {
      const article = /<article>([\s\S]*)<\/article>/.exec(content.toString('utf8'))?.[1] ?? '';
      return decodeEntities(article.replace(/<\/?(a|strong|em)\b[^>]*>/g, '').replace(/<[^>]+>/g, ' '));
    }
    case 'docx': {
      const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 << 20 });
      const paragraphs = xml.split('</w:p>').map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g)].map((m) => (m[1] === undefined ? ' ' : m[1])).join(''));
      return decodeEntities(paragraphs.join('\n'));
    }
    case 'pdf': {
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
      // Each page: the running header (the title, cut with … when long) first, the page number last.
      const body = text.split('\f').flatMap((page) => {
        const lines = page.split('\n').filter((line) => line.trim().length > 0);
        const header = lines[0]?.trim().replace(/…$/, '') ?? '';
        if (header.length > 0 && document.title.startsWith(header)) lines.shift();
        if (/^\d+$/.test(lines[lines.length - 1]?.trim() ?? '')) lines.pop();
        return lines;
      });
      return body.join('\n').replace(/(\p{L})-\n(\p{Ll})/gu, '$1$2');
    }
  }
}

function firstDifference(expected: string[], actual: string[]): string | null {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i += 1) {
    if (expected[i] !== actual[i]) {
      return `word ${i}: expected …${expected.slice(Math.max(0, i - 3), i + 4).join(' ')}… got …${actual.slice(Math.max(0, i - 3), i + 4).join(' ')}…`;
    }
  }
  return null;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { from: { type: 'string' }, converted: { type: 'string' } } });
  if (values.from === undefined || values.converted === undefined) throw new Error('give --from DIR --converted OUTDIR');
  const documents = await readSourceSet(path.resolve(values.from));
  let problems = 0;
  for (const format of FORMATS) {
    const folder = path.join(path.resolve(values.converted), format);
    if (!existsSync(folder)) continue;
    let ok = 0;
    for (const document of documents) {
      const file = path.join(folder, `${document.base}.${format}`);
      const expected = words([document.title, ...document.blocks.map((b) => b.text)].join('\n'));
      const actual = words(extract(format, file, await readFile(file), document));
      const difference = firstDifference(expected, actual);
      if (difference === null) ok += 1;
      else {
        problems += 1;
        process.stdout.write(`${format} ${document.base}: ${difference}\n`);
      }
    }
    process.stdout.write(`${format}: ${ok}/${documents.length} documents with every word in order\n`);
  }
  if (problems > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
