/**
 * The longest acknowledgement of an interaction while `/reindex` rebuilds a large corpus: the bot
 * runs as its own process (node with tsx's loader, as `npm start`) against the loopback Discord,
 * starts on one small document, then the corpus is written into its documents folder, an admin
 * sends `/reindex`, and a member sends `/ask` every `intervalMs` until the rebuild's report arrives.
 * Acknowledgement = the interaction callback's arrival minus the dispatch; heartbeat gap = the
 * longest time between two heartbeats of the bot (the gateway asks for one every second).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { FakeDiscord, type RecordedRequest, type SentInteraction } from '../../test/e2e/fake-discord/server.ts';
import { FAKE_TOKEN } from '../../test/e2e/helpers.ts';
import { botEnvironment, botReady, startBot } from './bot-process.ts';
import { corpusOf } from './corpus.ts';

export interface AckResult {
  corpusBytes: number;
  corpusDocuments: number;
  rebuildMs: number;
  asks: number;
  answered: number;
  ackMs: { max: number; p50: number; p95: number };
  answerMs: { max: number; p50: number };
  heartbeatGapMaxMs: number;
  reindexReport: string;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

export async function measureAckDuringReindex(options: {
  projectDir: string;
  megabytes: number;
  workDir: string;
  intervalMs: number;
  log: (line: string) => void;
}): Promise<AckResult> {
  const fake = await new FakeDiscord({ token: FAKE_TOKEN, heartbeatIntervalMs: 1000 }).start();
  const docsDir = path.join(options.workDir, `bot-docs-${path.basename(options.projectDir)}`);
  const indexDir = path.join(options.workDir, `bot-index-${path.basename(options.projectDir)}`);
  mkdirSync(docsDir, { recursive: true });
  writeFileSync(path.join(docsDir, 'a-start.txt'), '# Start\n\nThe keeper lights the lamp at sunset every evening.\n');
  const bot = startBot({ projectDir: options.projectDir, launcher: 'node', env: botEnvironment(fake, docsDir, indexDir) });
  try {
    await botReady(fake);
    options.log('bot ready; writing the corpus into its documents folder');
    const corpus = await corpusOf(options.megabytes, docsDir);
    const rebuild = fake.sendCommand({ name: 'reindex', user: fake.user('admin'), permissions: PermissionFlagsBits.ManageGuild });
    const started = Date.now();
    const heartbeatsFrom = fake.received.length;
    const isReport = (request: RecordedRequest) =>
      request.method === 'PATCH' && request.path === `/webhooks/${fake.applicationId}/${rebuild.token}/messages/@original` && (request.body.embeds ?? []).length > 0;
    const reportArrived = fake.waitForRequest(isReport, { timeoutMs: 3_600_000 });
    let done = false;
    void reportArrived.then(() => (done = true), () => (done = true));

    const sent: SentInteraction[] = [];
    let n = 0;
    while (!done) {
      sent.push(
        fake.sendCommand({ name: 'ask', user: fake.user(`asker-${n++}`), options: [{ name: 'question', type: 3, value: corpus.questions[n % corpus.questions.length] ?? 'What is said?' }] }),
      );
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
    }
    const report = await reportArrived;
    const rebuildMs = Date.now() - started;
    // Let the last questions be answered.
    await new Promise((resolve) => setTimeout(resolve, 3000));

    const acks: number[] = [];
    const answers: number[] = [];
    for (const interaction of sent) {
      const callback = fake.requests.find((request) => request.method === 'POST' && request.path === `/interactions/${interaction.id}/${interaction.token}/callback`);
      if (callback) acks.push(callback.at - interaction.dispatchedAt);
      const answer = fake.requests.find((request) => request.method === 'PATCH' && request.path === `/webhooks/${fake.applicationId}/${interaction.token}/messages/@original`);
      if (answer) answers.push(answer.at - interaction.dispatchedAt);
    }
    const beats = fake.received.slice(heartbeatsFrom).filter((frame) => frame.op === 1 && frame.at <= started + rebuildMs).map((frame) => frame.at);
    let gap = 0;
    for (let i = 1; i < beats.length; i += 1) gap = Math.max(gap, (beats[i] ?? 0) - (beats[i - 1] ?? 0));
    return {
      corpusBytes: corpus.bytes,
      corpusDocuments: corpus.documents,
      rebuildMs,
      asks: sent.length,
      answered: answers.length,
      ackMs: { max: Math.max(...acks), p50: percentile(acks, 50), p95: percentile(acks, 95) },
      answerMs: { max: Math.max(...answers), p50: percentile(answers, 50) },
      heartbeatGapMaxMs: gap,
      reindexReport: JSON.stringify(report.body.embeds?.[0]?.fields ?? []),
    };
  } finally {
    bot.child.kill('SIGTERM');
    await Promise.race([bot.exit, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
    await fake.stop();
  }
}
