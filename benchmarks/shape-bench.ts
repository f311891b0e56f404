/**
 * `npm run -s bench -- --shapes prose:10,list:10,abbreviations:3 [--json] [--child-timeout-min 10] [--keep]`:
 * writes one file per shape (benchmarks/shapes.ts), then indexes each alone, lexical mode, in a
 * child process with a time limit, and reports the build time and its phases. A list or an
 * abbreviation-heavy file should index within a small factor of the same size of prose.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { formatBytes, machineInfo } from './machine.ts';
import { round } from './protocol.ts';
import { parseShapes, writeShape, type ShapeRequest } from './shapes.ts';

/** What bench.ts's `--child` mode needs to run one build (its ChildSpec). */
export interface ShapeChildSpec {
  label: string;
  run: {
    docsDir: string;
    indexDir: string;
    overrides: { embeddingModel: string; modelDir: string };
    env: Record<string, string>;
    verbose: boolean;
    measureLoad: boolean;
  };
  questionsFile: string;
}

/** The part of a child's result this report reads. */
export type ShapeChildResult =
  | { ok: true; buildMs: number; buildPhasesMs: Record<string, number>; passages: number; peakRssMb: number; buildMaxEventLoopBlockMs: number }
  | { ok: false; error: string; lastProgress: string | null; elapsedMs: number };

export type RunChild = (spec: ShapeChildSpec, specFile: string, timeoutMs: number) => Promise<ShapeChildResult>;

export interface ShapeBenchOptions {
  shapes: string;
  seed: number;
  timeoutMs: number;
  json: boolean;
  keep: boolean;
  verbose: boolean;
  /** Real words for the vocabulary (the tiny model's word list), or none for made-up words. */
  words: readonly string[];
  log: (message: string) => void;
}

interface ShapeRow {
  shape: string;
  mebibytes: number;
  bytes: number;
  result: ShapeChildResult;
}

function printRows(rows: readonly ShapeRow[]): string {
  const prose = rows.find((row) => row.shape === 'prose' && row.result.ok);
  const perMiB = (row: ShapeRow): number => (row.result.ok ? row.result.buildMs / (row.bytes / 1048576) : Number.NaN);
  const header = ['shape', 'size', 'passages', 'build s', 's per MiB', 'vs prose per MiB', 'longest block ms', 'peak RSS MB'];
  const cells = rows.map((row) =>
    row.result.ok
      ? [
          row.shape,
          formatBytes(row.bytes),
          String(row.result.passages),
          (row.result.buildMs / 1000).toFixed(1),
          (perMiB(row) / 1000).toFixed(2),
          prose ? `${(perMiB(row) / perMiB(prose)).toFixed(2)}x` : '-',
          row.result.buildMaxEventLoopBlockMs.toFixed(0),
          row.result.peakRssMb.toFixed(0),
        ]
      : [row.shape, formatBytes(row.bytes), 'FAILED', row.result.error, '', '', '', ''],
  );
  const all = [header, ...cells];
  const widths = header.map((_, c) => Math.max(...all.map((line) => line[c]!.length)));
  return all.map((line) => line.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

export async function benchShapes(options: ShapeBenchOptions, runChild: RunChild): Promise<boolean> {
  const requests: ShapeRequest[] = parseShapes(options.shapes);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'docqa-shapes-'));
  const rows: ShapeRow[] = [];
  try {
    const questionsFile = path.join(tmp, 'questions.json');
    await writeFile(questionsFile, '[]');
    for (const request of requests) {
      const label = `${request.shape}-${request.mebibytes}MiB`;
      const docsDir = path.join(tmp, label);
      const { bytes } = await writeShape(request, docsDir, { seed: options.seed, words: options.words });
      options.log(`${label}: ${formatBytes(bytes)} written; indexing (lexical) in a child process`);
      const spec: ShapeChildSpec = {
        label,
        run: {
          docsDir,
          indexDir: path.join(tmp, `index-${label}`),
          // No model, on purpose: reading, splitting and BM25 are what the shape changes.
          overrides: { embeddingModel: 'none', modelDir: path.join(tmp, 'no-models') },
          env: { OFFLINE: 'true' },
          verbose: options.verbose,
          measureLoad: false,
        },
        questionsFile,
      };
      const specFile = path.join(tmp, `spec-${label}.json`);
      await writeFile(specFile, JSON.stringify(spec));
      const ran = await runChild(spec, specFile, options.timeoutMs);
      // A file the loader skipped (too large, say) indexed nothing: that is no measurement.
      const result: ShapeChildResult = ran.ok && ran.passages === 0 ? { ok: false, error: 'no passages (file skipped?)', lastProgress: null, elapsedMs: ran.buildMs } : ran;
      if (!result.ok) options.log(`${label} failed: ${result.error}; last progress: ${result.lastProgress ?? 'none'}`);
      rows.push({ shape: request.shape, mebibytes: request.mebibytes, bytes, result });
      if (!options.keep) await rm(docsDir, { recursive: true, force: true });
      await rm(spec.run.indexDir, { recursive: true, force: true });
    }
  } finally {
    if (options.keep) options.log(`kept ${tmp}`);
    else await rm(tmp, { recursive: true, force: true });
  }
  const machine = machineInfo();
  const date = new Date().toISOString();
  if (options.json) {
    const runs = rows.map((row) => ({ ...row, result: row.result.ok ? { ...row.result, buildMs: round(row.result.buildMs, 1) } : row.result }));
    process.stdout.write(`${JSON.stringify({ shapes: runs, seed: options.seed, mode: 'lexical', date, machine })}\n`);
  } else {
    const lines = [
      `Document shapes: one file per shape, indexed alone (lexical mode, no model), seed ${options.seed}`,
      '',
      printRows(rows),
      '',
      ...rows.map((row) => `${row.shape}: ${row.result.ok ? `build phases ${JSON.stringify(row.result.buildPhasesMs)}` : `${row.result.error}; last progress ${row.result.lastProgress ?? 'none'}`}`),
      `${date} · node ${machine.node} · ${machine.cpu} · ${machine.cores} cores · ${machine.memoryGb} GB (timings on a shared machine are noisy)`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  return rows.every((row) => row.result.ok);
}
