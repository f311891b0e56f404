/** Real folders for tests: created under the system temp dir and removed after each test file. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { loadConfig, type AppConfig } from '../../src/config.ts';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SEED_FILE = path.join(PROJECT_ROOT, 'seeds', '2024-01-05-kerman-bombings.txt');

const created: string[] = [];
afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh empty folder, removed after the test file. */
export function tempDir(prefix = 'docs-bot-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Writes files (relative path -> content) into a new temp folder and returns it. */
export function folderWith(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}

/** A documents folder holding a copy of the seed article. */
export function seedFolder(): string {
  const dir = tempDir();
  copyFileSync(SEED_FILE, path.join(dir, path.basename(SEED_FILE)));
  return dir;
}

/** Configuration for tests: no .env, no process environment, only what is given. */
export function testConfig(env: Record<string, string>): AppConfig {
  return loadConfig({}, { env: { OFFLINE: 'true', MODEL_LOAD_TIMEOUT_MS: '20000', ...env }, cwd: PROJECT_ROOT });
}
