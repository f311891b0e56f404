/**
 * Starting a worker thread on one of the service's entry files, from TypeScript sources (npm start,
 * tests) or compiled JavaScript (`dist/`). From sources, a one-line bootstrap registers tsx's loader
 * in the worker first: Node 20 does not apply `--import` hooks to a worker's entry module.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const runningAsTypeScript = import.meta.url.endsWith('.ts');

/** A worker on `<name>.ts` (sources) or `<name>.js` (compiled), a file of this folder. */
export function startServiceWorker(name: string): Worker {
  if (!runningAsTypeScript) return new Worker(new URL(`./${name}.js`, import.meta.url));
  // The ES module build of `tsx/esm/api` (require.resolve would name its CommonJS twin).
  const tsxRoot = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(path.join(tsxRoot, 'dist', 'esm', 'api', 'index.mjs')).href;
  const entry = new URL(`./${name}.ts`, import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true });
}
