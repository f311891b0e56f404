/**
 * `scripts/run-compiled.mjs` (how `npm run ask`, `index` and `summary` start): a TypeScript entry
 * runs with plain node from a bundle of it that is made again whenever a source changes.
 * (The CLI tests run the real commands through it, workers included.)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT, folderWith } from './support/temp.ts';

/** A project of its own (an ES module package: src/, scripts/, node_modules with esbuild and tsx linked): its cache is its own. */
function smallProject(files: Record<string, string>): string {
  const root = folderWith(Object.fromEntries(Object.entries(files).map(([name, text]) => [`src/${name}`, text])));
  mkdirSync(path.join(root, 'scripts'));
  cpSync(path.join(PROJECT_ROOT, 'scripts', 'run-compiled.mjs'), path.join(root, 'scripts', 'run-compiled.mjs'));
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ type: 'module' }));
  mkdirSync(path.join(root, 'node_modules'));
  for (const name of ['esbuild', 'tsx']) symlinkSync(path.join(PROJECT_ROOT, 'node_modules', name), path.join(root, 'node_modules', name));
  return root;
}

function run(root: string, entry: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ['scripts/run-compiled.mjs', entry, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr };
}

describe('running src/ compiled (scripts/run-compiled.mjs)', () => {
  it('runs an entry with its arguments, and follows changed, added and removed sources', () => {
    const root = smallProject({
      'main.ts': "import { greeting } from './words/greeting.ts';\nconst names: string[] = process.argv.slice(2);\nconsole.log(`${greeting} ${names.join(' and ')}`);\n",
      'words/greeting.ts': "export const greeting: string = 'hello';\n",
      'words/unused.ts': 'export const unused = 1;\n',
    });
    expect(run(root, 'src/main.ts', 'Ann', 'Bo')).toMatchObject({ status: 0, stdout: 'hello Ann and Bo' });
    const bundles = path.join(root, 'node_modules', '.cache', 'docs-answer-bot', 'main');
    const first = readFileSync(path.join(bundles, 'CURRENT'), 'utf8').split('\n')[0];
    // Unchanged sources: the same bundle.
    expect(run(root, 'src/main.ts', 'Cy')).toMatchObject({ status: 0, stdout: 'hello Cy' });
    expect(readFileSync(path.join(bundles, 'CURRENT'), 'utf8').split('\n')[0]).toBe(first);

    writeFileSync(path.join(root, 'src', 'words', 'greeting.ts'), "import { mark } from './mark.ts';\nexport const greeting: string = `good morning${mark}`;\n");
    writeFileSync(path.join(root, 'src', 'words', 'mark.ts'), "export const mark = ',';\n");
    rmSync(path.join(root, 'src', 'words', 'unused.ts'));
    expect(run(root, 'src/main.ts', 'Ann')).toMatchObject({ status: 0, stdout: 'good morning, Ann' });
    expect(readFileSync(path.join(bundles, 'CURRENT'), 'utf8').split('\n')[0]).not.toBe(first);
  });

  it('bundles the data files the code reads beside itself', () => {
    const root = smallProject({
      'main.ts': "import { readFileSync } from 'node:fs';\nconsole.log(JSON.parse(readFileSync(new URL('./terms.json', import.meta.url), 'utf8')).word);\n",
      'terms.json': '{ "word": "lighthouse" }',
    });
    expect(run(root, 'src/main.ts')).toMatchObject({ status: 0, stdout: 'lighthouse' });
  });

  it('runs the sources through tsx when the compiled copy cannot be written', () => {
    const root = smallProject({ 'main.ts': "const count: number = 2;\nconsole.log(`still runs ${count}`);\n" });
    // A file where the cache folder should be: nothing can be written under it.
    mkdirSync(path.join(root, 'node_modules', '.cache'));
    writeFileSync(path.join(root, 'node_modules', '.cache', 'docs-answer-bot'), 'not a folder');
    expect(run(root, 'src/main.ts')).toMatchObject({ status: 0, stdout: 'still runs 2' });
  });

  it('refuses an entry outside src/ with its usage', () => {
    const root = smallProject({ 'main.ts': 'console.log(1);\n' });
    const { status, stderr } = run(root, 'elsewhere.ts');
    expect(status).toBe(2);
    expect(stderr).toMatch(/Usage: node scripts\/run-compiled\.mjs src\/<entry>\.ts/);
  });
});
