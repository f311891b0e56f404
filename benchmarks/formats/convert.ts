/**
 * Converts a plain-text development set (`# Title` first line, blocks between blank lines) into the
 * formats people keep their documents in, for benchmarking the document layer on them:
 *
 *   npm run -s bench:convert -- --from DIR --to OUTDIR [--formats md,html,docx,pdf]
 *
 * Each format goes to its own folder, `OUTDIR/<format>/<base>.<ext>`, keeping every file's base name,
 * so a set's qa.json (whose `document` fields name the `.txt` files) still matches by base name.
 * The words of the text are kept, in order, in every format: only markup is added (see each writer).
 * OUTDIR is meant to be outside git (`benchmarks/.generated/` is ignored).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { toDocx } from './docx.ts';
import { toHtml } from './html.ts';
import { toMarkdown } from './markdown.ts';
import { toPdf } from './pdf.ts';
import { readSourceSet, type SourceDocument } from './source.ts';

export const FORMATS = ['md', 'html', 'docx', 'pdf'] as const;
export type Format = (typeof FORMATS)[number];

/** How many related pages an HTML sidebar lists. */
const SIDEBAR_PAGES = 3;

export interface ConvertOptions {
  /** The plain-text set's folder. */
  from: string;
  /** The output folder; each format is written to `<to>/<format>/`, replacing what was there. */
  to: string;
  /** The formats to write. Default: all of `FORMATS`. */
  formats: readonly Format[];
}

export interface ConvertResult {
  documents: number;
  /** Folder of each written format. */
  folders: Partial<Record<Format, string>>;
}

export function parseFormats(list: string): Format[] {
  const formats = list.split(',').map((f) => f.trim().toLowerCase()).filter((f) => f.length > 0);
  for (const format of formats) {
    if (!(FORMATS as readonly string[]).includes(format)) throw new Error(`unknown format "${format}" (known: ${FORMATS.join(', ')})`);
  }
  return formats as Format[];
}

async function render(format: Format, document: SourceDocument, set: readonly SourceDocument[]): Promise<string | Buffer> {
  switch (format) {
    case 'md':
      return toMarkdown(document);
    case 'html': {
      const others = set.filter((other) => other !== document);
      const start = set.indexOf(document) % Math.max(1, others.length);
      const related = [...others.slice(start), ...others.slice(0, start)].slice(0, SIDEBAR_PAGES);
      return toHtml(document, related);
    }
    case 'docx':
      return toDocx(document);
    case 'pdf':
      return toPdf(document);
  }
}

export async function convertSet(options: ConvertOptions): Promise<ConvertResult> {
  const documents = await readSourceSet(options.from);
  if (documents.length === 0) throw new Error(`no .txt documents in ${options.from}`);
  const folders: Partial<Record<Format, string>> = {};
  for (const format of options.formats) {
    const folder = path.join(options.to, format);
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder, { recursive: true });
    for (const document of documents) await writeFile(path.join(folder, `${document.base}.${format}`), await render(format, document, documents));
    folders[format] = folder;
  }
  return { documents: documents.length, folders };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { from: { type: 'string' }, to: { type: 'string' }, formats: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const usage = 'Usage: npm run -s bench:convert -- --from DIR --to OUTDIR [--formats md,html,docx,pdf]';
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  if (values.from === undefined || values.to === undefined) {
    process.stderr.write(`${usage}\n`);
    process.exitCode = 2;
    return;
  }
  const formats = parseFormats(values.formats ?? FORMATS.join(','));
  const started = performance.now();
  const result = await convertSet({ from: path.resolve(values.from), to: path.resolve(values.to), formats });
  for (const [format, folder] of Object.entries(result.folders)) process.stdout.write(`${format}\t${folder}\n`);
  process.stderr.write(`converted ${result.documents} documents to ${formats.join(', ')} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench:convert failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
