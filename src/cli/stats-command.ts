/**
 * `npm run stats -- [--json] [--days N]`: what people asked the Discord bot, from its database in
 * STATE_DIR (read only; it can run while the bot runs). `--json` prints exactly
 * `{ questions, answered, declined, helpful, unhelpful, topDeclined: [{ question, count }], topSources: [{ source, count }] }`.
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { readStatsReport, type StatsReport } from '../service/stats.ts';
import { runCommand } from './shared.ts';

const USAGE = 'Usage: npm run stats -- [--json] [--days N]';

function parseDays(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const days = Number(value);
  if (!Number.isFinite(days) || days <= 0) throw new ConfigError(`--days must be a positive number of days, not "${value}". ${USAGE}`);
  return days;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${Math.round((part / whole) * 100)}%`;
}

function formatReport(report: StatsReport, window: string): string {
  const lines = [
    `Questions (${window}): ${report.questions}, answered ${report.answered} (${percent(report.answered, report.questions)}), declined ${report.declined}`,
    `Feedback: ${report.helpful} helpful, ${report.unhelpful} not helpful`,
    'Most asked questions that were declined or voted not helpful (what to write next):',
    ...(report.topDeclined.length > 0 ? report.topDeclined.map((entry) => `  ${entry.count} × ${entry.question}`) : ['  none']),
    'Most cited documents:',
    ...(report.topSources.length > 0 ? report.topSources.map((entry) => `  ${entry.count} × ${entry.source}`) : ['  none']),
  ];
  return lines.join('\n');
}

runCommand(async () => {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: { json: { type: 'boolean', default: false }, days: { type: 'string' } },
    }));
  } catch (error) {
    throw new ConfigError(`${error instanceof Error ? error.message : String(error)}. ${USAGE}`);
  }
  const days = parseDays(values.days);
  const config = loadConfig();
  const { report, file, found } = readStatsReport(config, days === undefined ? {} : { days });
  if (!found) process.stderr.write(`No stats database in ${config.stateDir} yet: nothing was recorded there (is STATE_DIR the bot's?).\n`);
  if (values.json) {
    const { questions, answered, declined, helpful, unhelpful, topDeclined, topSources } = report;
    process.stdout.write(`${JSON.stringify({ questions, answered, declined, helpful, unhelpful, topDeclined, topSources }, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatReport(report, days === undefined ? 'all time' : `last ${days} days`)}\n${found ? `(from ${file})\n` : ''}`);
  }
  return 0;
});
