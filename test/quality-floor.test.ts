/**
 * The quality floor: the benchmark, run in process on every development set found, must not fall
 * below the figures reached (answer@1, the share of other sets' questions declined, summary ROUGE-1)
 * nor decline more than 3% of a set's own questions. The sets inside the repository always run;
 * the sets under ../shared/bench run when that folder is there (CI has it, a user's clone does
 * not) and are skipped by name otherwise. Quality figures only: no timings.
 *
 * When a change raises a figure, raise its floor here; lowering one needs a reason in the commit.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { developmentSets, type DevSet } from '../benchmarks/dev-sets.ts';
import { evenSample, isAvailable, measureSetQuality, readQuestions } from '../benchmarks/quality-floor.ts';
import { benchSummaryFiles } from '../benchmarks/summary-bench.ts';
import { PROJECT_ROOT } from './support/temp.ts';

/** `../shared/bench` beside the checkout (as in CI), or beside the folder of worktrees it sits in. */
const SHARED =
  [path.resolve(PROJECT_ROOT, '..', 'shared', 'bench'), path.resolve(PROJECT_ROOT, '..', '..', 'shared', 'bench')].find((dir) => existsSync(dir)) ??
  path.resolve(PROJECT_ROOT, '..', 'shared', 'bench');
/** Off-topic questions asked of each set: this many of each other set's, evenly spaced. */
const OFF_TOPIC_SAMPLE = 100;

/** Floors as fractions (0..1), at the figures reached, rounded down. */
const FLOORS: Record<string, { answerAt1: number; offTopicDeclined: Record<string, number> }> = {
  docs: { answerAt1: 0.877, offTopicDeclined: { papers: 0.939, squad2: 0.79, seeds: 0.666, 'docs-site': 0.77 } },
  papers: { answerAt1: 0.575, offTopicDeclined: { docs: 0.8, squad2: 0.6, seeds: 0.444, 'docs-site': 0.41 } },
  squad2: { answerAt1: 0.758, offTopicDeclined: { docs: 0.77, papers: 0.717, seeds: 0.722, 'docs-site': 0.73 } },
  seeds: { answerAt1: 0.944, offTopicDeclined: { docs: 0.99, papers: 0.969, squad2: 0.99, 'docs-site': 1.0 } },
  'docs-site': { answerAt1: 0.371, offTopicDeclined: { docs: 0.97, papers: 0.828, squad2: 0.87, seeds: 0.888 } },
};
const MAX_ON_TOPIC_DECLINED = 0.03;
/** ROUGE-1 F1 (0..1) of the default `/summary` on ../shared/bench/summaries; it must also stay above LEAD-3's. */
const SUMMARY_ROUGE1_FLOOR = 0.312;

const sets = developmentSets({ projectRoot: PROJECT_ROOT, sharedDir: SHARED, generatedDir: path.join(PROJECT_ROOT, 'benchmarks', '.generated') }).filter(
  (set) => set.conversion === undefined && FLOORS[set.name] !== undefined,
);
const available = sets.filter(isAvailable);

describe('quality floor', () => {
  for (const set of sets) {
    const floor = FLOORS[set.name]!;
    it.skipIf(!isAvailable(set))(`${set.name}: answer@1, on-topic and off-topic declines hold${isAvailable(set) ? '' : ` (skipped: ${set.docsDir} not found)`}`, { timeout: 600_000 }, async () => {
      const others = await Promise.all(
        available.filter((other) => other !== set).map(async (other: DevSet) => ({ name: other.name, items: evenSample(await readQuestions(other), OFF_TOPIC_SAMPLE) })),
      );
      const quality = await measureSetQuality(set, others);
      console.log(`quality ${set.name}: ${JSON.stringify(quality)}`);
      expect(quality.answerAt1, 'answer@1').toBeGreaterThanOrEqual(floor.answerAt1);
      expect(quality.onTopicDeclined, 'on-topic questions declined').toBeLessThanOrEqual(MAX_ON_TOPIC_DECLINED);
      for (const [other, declined] of Object.entries(quality.offTopicDeclined)) {
        expect(declined, `${other} questions declined by ${set.name}`).toBeGreaterThanOrEqual(floor.offTopicDeclined[other] ?? 0);
      }
    });
  }

  const summaries = path.join(SHARED, 'summaries');
  const summariesFound = isAvailable({ name: 'summaries', docsDir: path.join(summaries, 'docs'), qaFile: path.join(summaries, 'refs.json'), shared: true });
  it.skipIf(!summariesFound)(`summaries: ROUGE-1 holds and beats LEAD-3${summariesFound ? '' : ` (skipped: ${summaries} not found)`}`, { timeout: 600_000 }, async () => {
    const report = await benchSummaryFiles(path.join(summaries, 'docs'), path.join(summaries, 'refs.json'), { EMBEDDING_MODEL: 'none', OFFLINE: 'true' });
    const [project, ...peers] = report.systems;
    console.log(`quality summaries: ${JSON.stringify(report.systems.map((system) => ({ name: system.name, rouge1: system.all.rouge1 })))}`);
    expect(project?.all.rouge1, 'summary ROUGE-1').toBeGreaterThanOrEqual(SUMMARY_ROUGE1_FLOOR);
    const lead = peers.find((peer) => /lead/i.test(peer.name));
    if (lead) expect(project?.all.rouge1 ?? 0, 'summary ROUGE-1 against LEAD-3').toBeGreaterThan(lead.all.rouge1);
  });
});
