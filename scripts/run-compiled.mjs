// `node scripts/run-compiled.mjs src/cli/ask-command.ts [args...]`: runs a TypeScript entry point
// of src/ with plain node, from a copy of src/ compiled to JavaScript in
// node_modules/.cache/docs-answer-bot/ (esbuild, file by file, only the files that changed since the
// last run). Running through tsx costs about 0.3 s at every start (its loader thread and hooks),
// which was a third of a CLI `ask`; the first run after a change compiles (about 0.2 s), later ones
// only compare file sizes and times. No build step is needed: a fresh clone runs as it is. When the
// cache cannot be written (a read-only install) the entry runs through tsx instead.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sourceRoot = path.join(projectRoot, 'src');
const cacheRoot = path.join(projectRoot, 'node_modules', '.cache', 'docs-answer-bot', 'src');
const stampsFile = path.join(cacheRoot, '.stamps.json');
/** Changing how files are compiled: bump this so that every cached file is compiled again. */
const COMPILER_VERSION = 1;

/** Every file under `folder`, as paths relative to it with `/`. */
function filesUnder(folder, prefix = '') {
  const found = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...filesUnder(path.join(folder, entry.name), relative));
    else if (entry.isFile() && /\.(ts|json)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(relative);
  }
  return found;
}

/** Relative imports name `.ts` files; the compiled copies are `.js`. */
function rewriteImports(code) {
  return code.replace(/((?:\bfrom|\bimport)\s*\(?\s*)(["'])(\.\.?\/[^"'\n]*?)\.ts\2/g, '$1$2$3.js$2');
}

function writeAtomically(file, contents) {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
}

/** Compiles the files of src/ that changed since the last run; returns the compiled copy of `entry`. */
async function compiledCopy(entry) {
  const stamps = {};
  for (const relative of filesUnder(sourceRoot)) {
    const stat = statSync(path.join(sourceRoot, relative));
    stamps[relative] = `${stat.size}:${stat.mtimeMs}`;
  }
  let previous = {};
  try {
    previous = JSON.parse(readFileSync(stampsFile, 'utf8'));
  } catch {
    previous = {};
  }
  const fresh = previous.compiler === COMPILER_VERSION ? previous.files ?? {} : {};
  const changed = Object.keys(stamps).filter((relative) => fresh[relative] !== stamps[relative]);
  if (changed.length > 0) {
    const esbuild = await import('esbuild');
    await Promise.all(
      changed.map(async (relative) => {
        const source = readFileSync(path.join(sourceRoot, relative));
        if (relative.endsWith('.json')) return writeAtomically(path.join(cacheRoot, relative), source);
        const { code } = await esbuild.transform(source.toString('utf8'), {
          loader: 'ts',
          format: 'esm',
          target: 'node20',
          sourcefile: path.join(sourceRoot, relative),
          sourcemap: 'inline',
          tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true, useDefineForClassFields: true } },
        });
        writeAtomically(path.join(cacheRoot, relative.replace(/\.ts$/, '.js')), rewriteImports(code));
      }),
    );
  }
  for (const relative of Object.keys(fresh)) {
    if (!(relative in stamps)) rmSync(path.join(cacheRoot, relative.replace(/\.ts$/, '.js')), { force: true });
  }
  if (changed.length > 0 || Object.keys(fresh).length !== Object.keys(stamps).length) {
    writeAtomically(stampsFile, JSON.stringify({ compiler: COMPILER_VERSION, files: stamps }));
  }
  return path.join(cacheRoot, path.relative(sourceRoot, entry).replace(/\.ts$/, '.js'));
}

const entry = path.resolve(process.argv[2] ?? '');
if (!process.argv[2] || !entry.startsWith(`${sourceRoot}${path.sep}`) || !existsSync(entry)) {
  process.stderr.write('Usage: node scripts/run-compiled.mjs src/<entry>.ts [arguments]\n');
  process.exit(2);
}
let compiled;
try {
  compiled = await compiledCopy(entry);
} catch {
  compiled = undefined;
}
if (compiled) {
  // The entry reads its arguments from process.argv.slice(2), as when node runs it directly.
  process.argv.splice(1, 2, compiled);
  await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  process.argv.splice(1, 2, entry);
  await import(pathToFileURL(entry).href);
}
