/**
 * The table `bench:all` prints: one row per development set, the project's figures beside the
 * peers' from the same run, and the markup-leak count; failures, leak kinds and (with --verbose)
 * leaking excerpts underneath.
 */
import type { SetResult } from './all-sets.ts';
import type { MachineInfo } from './machine.ts';

function pct(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length)));
  return rows.map((row) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n');
}

/** A peer's short column name: its package name without version (`MiniSearch`, `wink-bm25-text-search`). */
function peerLabel(name: string): string {
  return name.split(' ')[0] ?? name;
}

function oneLine(text: string, max = 220): string {
  const folded = text.replace(/\n/g, '⏎');
  return folded.length > max ? `${folded.slice(0, max)}…` : folded;
}

export interface TableContext {
  verbose: boolean;
  date: string;
  machine: MachineInfo;
}

export function printAllSets(results: readonly SetResult[], context: TableContext): string {
  const peerNames = [...new Set(results.flatMap((r) => (r.ok ? r.report.peers.map((p) => peerLabel(p.name)) : [])))];
  const header = ['set', 'mode', 'docs', 'questions', 'answer@1', 'answer@3', 'abstained', 'off-topic declined', 'p95 ms', 'markup leaks', ...peerNames.map((n) => `${n} @1/@3`)];
  const rows = [header];
  const notes: string[] = [];
  for (const result of results) {
    if (!result.ok) {
      rows.push([result.name, 'FAILED', ...header.slice(2).map(() => '')]);
      notes.push(`${result.name}: ${result.error}`);
      continue;
    }
    const r = result.report;
    const docs = r.skipped > 0 ? `${r.documents} (+${r.skipped} skipped)` : String(r.documents);
    const peers = peerNames.map((name) => {
      const peer = r.peers.find((p) => peerLabel(p.name) === name);
      return peer === undefined ? '-' : `${pct(peer.answerAt1)} / ${pct(peer.answerAt3)}`;
    });
    rows.push([
      result.name,
      r.mode,
      docs,
      String(r.questions),
      pct(r.answerAt1),
      pct(r.answerAt3),
      String(r.abstained),
      r.offTopic ? `${pct(r.offTopic.declined)} of ${r.offTopic.questions}` : '-',
      Number.isFinite(r.p95Ms) ? r.p95Ms.toFixed(1) : '-',
      `${result.leaks.leaking} / ${result.leaks.excerpts}`,
      ...peers,
    ]);
    if (r.offTopic && r.offTopic.sets.length > 0) {
      notes.push(`${result.name}: off-topic declined by question set: ${r.offTopic.sets.map((set) => `${set.name} ${pct(set.declined)} of ${set.questions}`).join(', ')}`);
    }
    if (r.invalid > 0) notes.push(`${result.name}: ${r.invalid} questions raised an error (counted as misses)`);
    if (r.excerptsNotVerbatim > 0) notes.push(`${result.name}: ${r.excerptsNotVerbatim} excerpts not verbatim text of the document they cite`);
    if (result.leaks.leaking > 0) {
      const kinds = Object.entries(result.leaks.byRule).map(([rule, count]) => `${rule} ${count}`).join(', ');
      notes.push(`${result.name}: leaking excerpts by kind: ${kinds}`);
      if (context.verbose) {
        for (const example of result.leaks.examples) {
          notes.push(`    [${example.rules.join(', ')}] ${example.source ?? ''}${example.kind === undefined ? '' : ` (${example.kind})`} for "${example.question}": ${oneLine(example.text)}`);
        }
      }
    }
  }
  const lines = [
    `Development sets: the project and its peers, same protocol as npm run bench (answer@k at the excerpt limit; peers on the plain-text source of converted sets)`,
    '',
    table(rows),
    '',
    ...notes,
    ...(notes.length > 0 ? [''] : []),
    `markup leaks: excerpts showing markup syntax / all excerpts shown (benchmarks/markup-leaks.ts); abstained: own questions declined (misses); off-topic declined: share of the other corpora's questions declined; p95: nearest-rank, in process`,
    `${context.date} · node ${context.machine.node} · ${context.machine.cpu} · ${context.machine.cores} cores · ${context.machine.memoryGb} GB`,
  ];
  return `${lines.join('\n')}\n`;
}
