// `node scripts/run-compiled.mjs src/cli/ask-command.ts [args...]`: runs a TypeScript entry point
// of src/ with plain node, from a JavaScript bundle of it made by esbuild in
// node_modules/.cache/docs-answer-bot/ and made again whenever a file of src/ changes. Running
// through tsx costs about 0.3 s at every start (its loader thread and hooks), and loading ~80
// modules one by one another 0.1 s: together half of a CLI `ask`. The first run after a change
// bundles (a fraction of a second); later ones only compare file sizes and times. No build step is
// needed: a fresh clone runs as it is. When the bundle cannot be made (a read-only install) the
// entry runs through tsx instead.
//
// The bundle keeps what the code finds beside itself: the service's worker entries are bundled
// too, into the same folder (`service/worker-entry.ts` starts `./<name>.js` next to the running
// code), and the JSON data files of src/ are copied there (`search/english-terms.json`).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sourceRoot = path.join(projectRoot, 'src');
const cacheRoot = path.join(projectRoot, 'node_modules', '.cache', 'docs-answer-bot');
/** Changing how bundles are made: bump this so that every cached bundle is made again. */
const BUNDLER_VERSION = 2;
/** Entry files the service starts as worker threads (bundled beside every entry that may start them). */
const WORKER_ENTRIES = ['service/build-worker.ts', 'service/model-thread.ts'];
/** Bundles older than this that are no longer current are removed (a running command may still read its own). */
const OLD_BUNDLE_MS = 24 * 60 * 60 * 1000;

/** Every .ts and .json file under `folder`, as paths relative to it with `/`. */
function filesUnder(folder, prefix = '') {
  const found = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...filesUnder(path.join(folder, entry.name), relative));
    else if (entry.isFile() && /\.(ts|json)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(relative);
  }
  return found;
}

/** The sizes and times of the files of src/: any change means a new bundle. */
function sourceStamp() {
  const stamps = [`bundler ${BUNDLER_VERSION}`];
  for (const relative of filesUnder(sourceRoot).sort()) {
    const stat = statSync(path.join(sourceRoot, relative));
    stamps.push(`${relative} ${stat.size} ${stat.mtimeMs}`);
  }
  return stamps.join('\n');
}

/** Bundles `entry` (relative to src/) if src/ changed since its bundle was made; returns the bundled entry. */
async function bundledEntry(entry) {
  const name = path.basename(entry, '.ts');
  const home = path.join(cacheRoot, entry.replace(/\.ts$/, '').replace(/[^\w-]+/g, '_'));
  const stamp = sourceStamp();
  const pointer = path.join(home, 'CURRENT');
  const current = existsSync(pointer) ? readFileSync(pointer, 'utf8') : '';
  const [currentFolder, ...currentStamp] = current.split('\n');
  if (currentFolder && currentStamp.join('\n') === stamp && existsSync(path.join(home, currentFolder, `${name}.js`))) {
    return path.join(home, currentFolder, `${name}.js`);
  }
  const folderName = `bundle-${Date.now()}-${process.pid}`;
  const folder = path.join(home, folderName);
  const workers = WORKER_ENTRIES.filter((worker) => worker !== entry && existsSync(path.join(sourceRoot, worker)));
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [entry, ...workers].map((file) => path.join(sourceRoot, file)),
    outdir: folder,
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'silent',
    tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true, useDefineForClassFields: true } },
  });
  for (const data of filesUnder(sourceRoot).filter((file) => file.endsWith('.json'))) {
    writeFileSync(path.join(folder, path.basename(data)), readFileSync(path.join(sourceRoot, data)));
  }
  const temporary = `${pointer}.${process.pid}.tmp`;
  writeFileSync(temporary, `${folderName}\n${stamp}`);
  renameSync(temporary, pointer);
  for (const other of readdirSync(home)) {
    if (!other.startsWith('bundle-') || other === folderName) continue;
    if (Date.now() - statSync(path.join(home, other)).mtimeMs > OLD_BUNDLE_MS) rmSync(path.join(home, other), { recursive: true, force: true });
  }
  return path.join(folder, `${name}.js`);
}

const entryPath = path.resolve(process.argv[2] ?? '');
if (!process.argv[2] || !entryPath.startsWith(`${sourceRoot}${path.sep}`) || !entryPath.endsWith('.ts') || !existsSync(entryPath)) {
  process.stderr.write('Usage: node scripts/run-compiled.mjs src/<entry>.ts [arguments]\n');
  process.exit(2);
}
let compiled;
try {
  mkdirSync(cacheRoot, { recursive: true });
  compiled = await bundledEntry(path.relative(sourceRoot, entryPath).split(path.sep).join('/'));
} catch {
  compiled = undefined;
}
// The entry reads its arguments from process.argv.slice(2), as when node runs it directly.
if (compiled) {
  process.argv.splice(1, 2, compiled);
  await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  process.argv.splice(1, 2, entryPath);
  await import(pathToFileURL(entryPath).href);
}
