import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, seedFolder, tempDir } from './support/temp.ts';

/** Runs an npm script as a user would, with a clean environment (no token, model unreachable). */
function npm(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const result = spawnSync('npm', ['run', '-s', ...args], {
    cwd: PROJECT_ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      EMBEDDING_MODEL: '/nonexistent/model',
      // Set but empty: a developer's .env must not turn these runs into a Discord bot.
      DISCORD_TOKEN: '',
      ...options.env,
    },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the command line', () => {
  it('`ask --json` prints one JSON object of the documented shape, citing the seed file', () => {
    const docs = seedFolder();
    const index = tempDir();
    const { status, stdout, stderr } = npm(['ask', '--', '--json', '--docs', docs, '--index', index, 'Who claimed responsibility for the Kerman bombings?']);
    expect(status, stderr).toBe(0);
    const answer = JSON.parse(stdout) as { answered: boolean; mode: string; excerpts: { text: string; source: string; location: string; score: number }[] };
    expect(answer).toMatchObject({ answered: true, mode: 'lexical' });
    expect(answer.excerpts[0]).toMatchObject({ source: '2024-01-05-kerman-bombings.txt', location: expect.stringMatching(/paragraph/) });
    expect(answer.excerpts[0]?.text).toContain('ISIS claimed responsibility');
    expect(typeof answer.excerpts[0]?.score).toBe('number');
    expect(stderr).toMatch(/LEXICAL-ONLY/);
  });

  it('`ask --json` declines an off-topic question with answered false', () => {
    const { status, stdout } = npm(['ask', '--', '--json', '--docs', seedFolder(), '--index', tempDir(), 'Who won the 2018 FIFA World Cup?']);
    expect(status).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ answered: false, excerpts: [] });
  });

  it('`ask` with an empty question explains itself and exits non-zero', () => {
    const { status, stderr } = npm(['ask', '--', '--docs', seedFolder(), '--index', tempDir(), '   ']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/Usage: npm run ask/);
  });

  it('`summary --json` prints verbatim sentences with their sources', () => {
    const { status, stdout, stderr } = npm(['summary', '--', '--json', '--docs', seedFolder(), '--index', tempDir()]);
    expect(status, stderr).toBe(0);
    const summary = JSON.parse(stdout) as { sentences: { text: string; source: string; location: string }[] };
    expect(summary.sentences.length).toBeGreaterThan(0);
    expect(summary.sentences.length).toBeLessThanOrEqual(5);
    expect(summary.sentences.every((sentence) => sentence.source === '2024-01-05-kerman-bombings.txt')).toBe(true);
  });

  it('`index` reports documents, passages and skipped files', () => {
    const docs = seedFolder();
    writeFileSync(path.join(docs, 'broken.txt'), Buffer.from([0, 1, 2, 3]));
    const { status, stdout } = npm(['index', '--', '--json', '--docs', docs, '--index', tempDir()]);
    expect(status).toBe(0);
    const report = JSON.parse(stdout) as { documents: number; passages: number; skipped: { source: string; reason: string }[]; mode: string };
    expect(report).toMatchObject({ documents: 1, mode: 'lexical' });
    expect(report.passages).toBeGreaterThan(5);
    expect(report.skipped).toEqual([{ source: 'broken.txt', reason: expect.stringMatching(/binary/) }]);
  });

  it('a bad setting is named with what to fix', () => {
    const { status, stderr } = npm(['ask', '--', 'hello'], { env: { EXCERPT_MAX_CHARS: 'lots' } });
    expect(status).toBe(2);
    expect(stderr).toMatch(/EXCERPT_MAX_CHARS/);
  });

  it('`npm start` without a token opens the terminal chat, which answers and understands its commands', () => {
    const { status, stdout, stderr } = npm(['start'], {
      env: { DOCS_DIR: seedFolder(), INDEX_DIR: tempDir() },
      input: ['/help', 'Who claimed responsibility for the Kerman bombings?', '/summary kerman', '/sources', '/summary nothing-here', '', '🎉', '/reindex', '/quit', 'never asked'].join('\n'),
    });
    expect(status, stderr).toBe(0);
    expect(stdout).toMatch(/Terminal mode: DISCORD_TOKEN is not set/);
    expect(stdout).toMatch(/\/summary \[document\]/);
    expect(stdout).toMatch(/\[1\] ISIS claimed responsibility[^\n]*\n\s+— Kerman bombings \(2024-01-05-kerman-bombings\.txt, paragraph 2\)/);
    expect(stdout).toMatch(/1 document, 11 passages/);
    expect(stdout).toMatch(/There is no document called "nothing-here"/);
    expect(stdout).toMatch(/could not find any words/);
    expect(stdout).toMatch(/Index rebuilt in \d+ ms: 1 document,/);
    expect(stdout).toMatch(/Bye\./);
  });
});

describe('the command line when the index cannot be written', () => {
  it('answers from an index kept in memory and says loudly why it was not saved, without a stack trace', () => {
    const blocked = path.join(tempDir(), 'index-is-a-file');
    writeFileSync(blocked, 'not a folder');
    const { status, stdout, stderr } = npm(['ask', '--', '--docs', seedFolder(), '--index', blocked, 'Who claimed responsibility for the Kerman bombings?']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/ISIS claimed responsibility/);
    expect(stderr).toMatch(/!!! The index could not be saved: Could not write the index to .*index-is-a-file: a file is in the way/);
    expect(stderr).toMatch(/set INDEX_DIR/);
    expect(stderr).toMatch(/kept in memory only/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
