/**
 * The tiny real model (see `scripts/tiny-model.ts`) for tests: written once per test process into
 * a fresh folder under the system temp dir, and removed when the process exits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeTinyModel } from '../../scripts/tiny-model.ts';

let pending: Promise<string> | undefined;

/** The folder of the tiny model, generated on first use. */
export async function tinyModelDir(): Promise<string> {
  pending ??= (async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'docs-bot-tiny-model-'));
    process.once('exit', () => rmSync(root, { recursive: true, force: true }));
    const dir = path.join(root, 'tiny-model');
    await writeTinyModel(dir);
    return dir;
  })();
  // A failed generation is not cached: the next caller tries again.
  pending.catch(() => {
    pending = undefined;
  });
  return pending;
}
