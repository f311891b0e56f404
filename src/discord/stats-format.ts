/** The `/stats` reply: one embed with the last 7 days and all time side by side, then the lists. */
import type { APIEmbedField } from 'discord.js';
import type { StatsOverview, StatsReport } from '../service/stats.ts';
import { escapeAndCut, fitEmbed, fitLines, LIMITS, type ReplyPayload } from './format.ts';

const COLOR = 0x5865f2;

function share(part: number, whole: number): string {
  return whole === 0 ? '–' : `${Math.round((part / whole) * 100)}%`;
}

function figures(report: StatsReport): string {
  return [
    `Questions: **${report.questions}**`,
    `Answered: **${report.answered}** (${share(report.answered, report.questions)})`,
    `Declined: **${report.declined}**`,
    `👍 ${report.helpful} · 👎 ${report.unhelpful}`,
  ].join('\n');
}

function counted(entries: { label: string; count: number }[], empty: string): string {
  if (entries.length === 0) return empty;
  return fitLines(
    entries.map((entry, index) => `${index + 1}. ${escapeAndCut(entry.label, 200)} (${entry.count}×)`),
    LIMITS.fieldValue,
  );
}

export function formatStats(overview: StatsOverview): ReplyPayload {
  const { lastWeek, allTime } = overview;
  const fields: APIEmbedField[] = [
    { name: 'Last 7 days', value: figures(lastWeek), inline: true },
    { name: `All time (kept ${overview.retentionDays} days)`, value: figures(allTime), inline: true },
    {
      name: 'Write next: most asked, declined or voted not helpful (7 days)',
      value: counted(lastWeek.topDeclined.map((entry) => ({ label: entry.question, count: entry.count })), 'Nothing declined this week.'),
    },
    {
      name: 'Write next (all time)',
      value: counted(allTime.topDeclined.map((entry) => ({ label: entry.question, count: entry.count })), 'Nothing declined yet.'),
    },
    {
      name: 'Most cited documents (all time)',
      value: counted(allTime.topSources.map((entry) => ({ label: entry.source, count: entry.count })), 'No answers yet.'),
    },
  ];
  return { embeds: [fitEmbed({ title: 'What members asked', color: COLOR, fields })] };
}
