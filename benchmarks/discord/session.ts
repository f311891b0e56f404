/**
 * `npm run -s bench:discord -- --conversations FILE [--docs DIR] [--state DIR] [--json] [--transcript FILE]`
 *
 * Plays a conversation file (format: conversations.ts) against the real bot: starts the loopback
 * Discord stand-in of test/e2e, starts the bot as `npm start` would (`tsx src/main.ts`, a child
 * process) with #help and the #questions forum as answer channels, plays every conversation, then
 * restarts the bot with ANSWER_IN_THREADS=true for the `thread` conversations (the database
 * survives the restart), asks `/stats` as an admin, stops the bot and prints
 * `npm run -s stats -- --json` of the session's STATE_DIR.
 *
 * The bot's settings come from the environment like `npm start` (EMBEDDING_MODEL, MODEL_DIR,
 * OFFLINE...), except the Discord ones, which point at the stand-in; the index and the database
 * go to a temporary folder unless --index / --state name one. Latencies are wall-clock times from
 * a member's message to the bot's reply request, on a shared machine: indicative only.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FakeDiscord } from '../../test/e2e/fake-discord/server.ts';
import { ConversationFileError, parseConversations, type Conversation } from './conversations.ts';
import { ConversationPlayer, type TurnResult } from './player.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const TOKEN = 'QmVuY2hEaXNjb3JkU2Vzc2lvbg.BeNcH0.loopback-bench-token-not-a-secret-000000';
const USAGE = 'Usage: npm run -s bench:discord -- --conversations FILE [--docs DIR] [--index DIR] [--state DIR] [--json] [--transcript FILE] [--reply-timeout-ms 30000] [--silence-ms 2000]';

function log(message: string): void {
  process.stderr.write(`[bench:discord] ${message}\n`);
}

interface Bot {
  child: ChildProcess;
  stderr(): string;
  exit: Promise<number | null>;
}

/** The environment of the bot: the caller's, with Discord pointed at the stand-in. */
function botEnv(fake: FakeDiscord, settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(DISCORD_|ANSWER_|STATE_DIR$|STATS|ADMIN_|ASK_COOLDOWN)/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, DISCORD_TOKEN: TOKEN, DISCORD_API_BASE: fake.apiBase, ASK_COOLDOWN_SECONDS: '0', ...settings };
}

async function startBot(fake: FakeDiscord, env: NodeJS.ProcessEnv, cwd: string): Promise<Bot> {
  const since = fake.requests.length;
  const child = spawn(TSX, [path.join(ROOT, 'src', 'main.ts')], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // Ready once it has compared its slash commands with Discord's (after the gateway's READY).
  const ready = fake.waitForRequest((request) => request.path.endsWith('/commands') && request.method === 'GET', { since, timeoutMs: 600_000 });
  const exited = exit.then((code) => {
    throw new Error(`the bot exited (code ${code}) before it was ready:\n${err.slice(-3000)}`);
  });
  await Promise.race([ready, exited]);
  await new Promise((resolve) => setTimeout(resolve, 300)); // let a first registration (PUT) finish
  return { child, stderr: () => err, exit };
}

async function stopBot(bot: Bot): Promise<void> {
  bot.child.kill('SIGTERM');
  const code = await bot.exit;
  if (code !== 0) log(`the bot exited with code ${code}`);
}

function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? null;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      conversations: { type: 'string' },
      docs: { type: 'string' },
      index: { type: 'string' },
      state: { type: 'string' },
      json: { type: 'boolean', default: false },
      transcript: { type: 'string' },
      'reply-timeout-ms': { type: 'string', default: '30000' },
      'silence-ms': { type: 'string', default: '2000' },
    },
  });
  if (!values.conversations) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let conversations: Conversation[];
  try {
    conversations = parseConversations(JSON.parse(readFileSync(values.conversations, 'utf8')));
  } catch (error) {
    process.stderr.write(`${values.conversations}: ${error instanceof ConversationFileError || error instanceof SyntaxError ? error.message : String(error)}\n`);
    return 2;
  }

  const work = mkdtempSync(path.join(os.tmpdir(), 'bench-discord-'));
  const stateDir = path.resolve(values.state ?? path.join(work, 'state'));
  const settings = {
    DOCS_DIR: path.resolve(values.docs ?? process.env.DOCS_DIR ?? path.join(ROOT, 'seeds')),
    INDEX_DIR: path.resolve(values.index ?? path.join(work, 'index')),
    STATE_DIR: stateDir,
  };
  const fake = await new FakeDiscord({ token: TOKEN }).start();
  const player = new ConversationPlayer(fake, { replyTimeoutMs: Number(values['reply-timeout-ms']), silenceMs: Number(values['silence-ms']) });
  const admin = player.member('maintainer');
  const base = { ...settings, ANSWER_CHANNEL_IDS: `${fake.guild.answerChannelId},${fake.guild.forumChannelId}`, ADMIN_USER_IDS: admin.id };
  const results: TurnResult[] = [];
  let statsCommand: { fields: Record<string, string> } | { error: string } = { error: 'not asked' };
  try {
    const phases: { threads: boolean; list: [Conversation, number][] }[] = [
      { threads: false, list: conversations.map((c, i): [Conversation, number] => [c, i]).filter(([c]) => c.mode !== 'thread') },
      { threads: true, list: conversations.map((c, i): [Conversation, number] => [c, i]).filter(([c]) => c.mode === 'thread') },
    ];
    const lastPhase = phases.filter((phase) => phase.list.length > 0).at(-1);
    for (const phase of phases) {
      if (phase.list.length === 0) continue;
      log(`starting the bot${phase.threads ? ' with ANSWER_IN_THREADS=true' : ''} (${phase.list.length} conversations)`);
      const bot = await startBot(fake, botEnv(fake, { ...base, ANSWER_IN_THREADS: String(phase.threads) }), work);
      try {
        for (const [conversation, index] of phase.list) results.push(...(await player.play(conversation, index)));
        if (phase === lastPhase) statsCommand = await askStats(fake, admin);
      } finally {
        await stopBot(bot);
      }
    }
  } finally {
    await fake.stop();
  }

  const stats = spawnSync(TSX, [path.join(ROOT, 'src', 'cli', 'stats-command.ts'), '--json'], { cwd: work, env: { ...process.env, STATE_DIR: stateDir }, encoding: 'utf8' });
  const statsJson: unknown = stats.status === 0 ? JSON.parse(stats.stdout) : { error: stats.stderr };
  const replied = results.filter((result) => result.ms !== undefined).map((result) => result.ms ?? 0);
  const checked = results.filter((result) => result.met !== undefined);
  const summary = {
    conversations: conversations.length,
    turns: results.length,
    outcomes: {
      answer: results.filter((result) => result.outcome === 'answer').length,
      text: results.filter((result) => result.outcome === 'text').length,
      silent: results.filter((result) => result.outcome === 'silent').length,
    },
    byMode: Object.fromEntries(
      [...new Set(results.map((result) => result.mode))].map((mode) => [mode, results.filter((result) => result.mode === mode).length]),
    ),
    expectations: { checked: checked.length, met: checked.filter((result) => result.met).length },
    votes: results.filter((result) => result.vote).length,
    p50Ms: percentile(replied, 50),
    p95Ms: percentile(replied, 95),
    statsCommand,
    stats: statsJson,
  };
  if (values.transcript) writeFileSync(values.transcript, `${JSON.stringify(results, null, 2)}\n`);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ ...summary, transcript: results }, null, 2)}\n`);
  } else {
    for (const result of results) {
      const mark = result.met === undefined ? ' ' : result.met ? '✓' : '✗';
      process.stdout.write(`${mark} [${result.mode}] ${result.say} -> ${result.outcome}${result.sources.length ? ` (${result.sources[0]})` : ''}${result.vote ? ` · voted ${result.vote.clicked}` : ''}\n`);
    }
    process.stdout.write(`\n${JSON.stringify(summary, null, 2)}\n`);
  }
  if (!values.state) rmSync(work, { recursive: true, force: true });
  // Unmet expectations are results to read, not a failure of the run.
  return 0;
}

/** `/stats` as an admin: the embed's fields, as the maintainer sees them. */
async function askStats(fake: FakeDiscord, admin: ReturnType<FakeDiscord['user']>) {
  const sent = fake.sendCommand({ name: 'stats', user: admin });
  const reply = await fake
    .waitForRequest((request) => request.path === `/interactions/${sent.id}/${sent.token}/callback` && request.status < 300, { timeoutMs: 30_000 })
    .catch(() => undefined);
  const embed = reply?.body.data?.embeds?.[0];
  if (!embed) return { error: reply?.body.data?.content ?? 'no reply' };
  return { fields: Object.fromEntries((embed.fields ?? []).map((field) => [field.name, field.value])) };
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench:discord failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
