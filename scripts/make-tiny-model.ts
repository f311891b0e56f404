/**
 * `npm run make-tiny-model [folder]`: writes the tiny test model (see `tiny-model.ts`) to `folder`
 * (default `test/.generated/tiny-model`, git-ignored) and prints its absolute path, so it can be
 * used as `EMBEDDING_MODEL=<path>` without any download.
 */
import path from 'node:path';
import { writeTinyModel } from './tiny-model.ts';

const target = path.resolve(process.argv[2] ?? path.join('test', '.generated', 'tiny-model'));

try {
  await writeTinyModel(target);
  process.stdout.write(`${target}\n`);
} catch (error) {
  process.stderr.write(`Could not write the tiny model to ${target}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
