/**
 * Runs a benchmark script in a child process of the same Node with the same loader flags (tsx), so
 * each run has its own memory and a crash or hang of one does not take the others down. The child
 * prints one JSON line last on stdout; its stderr is passed on (or not) and its tail kept for errors.
 */
import { spawn } from 'node:child_process';

export interface ChildRunOptions {
  cwd: string;
  /** Killed (SIGKILL) after this long. */
  timeoutMs: number;
  /** Each chunk of the child's stderr, as it comes (to pass on, prefixed or not). */
  onStderr?: (chunk: string) => void;
  /** How many of the child's last stderr lines to keep for the error. Default 6. */
  tailLines?: number;
}

export type ChildRunResult =
  | { ok: true; json: unknown; elapsedMs: number }
  | { ok: false; error: string; stderrTail: string[]; elapsedMs: number };

export function runScriptChild(script: string, args: readonly string[], options: ChildRunOptions): Promise<ChildRunResult> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...process.execArgv, script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: options.cwd });
    let stdout = '';
    let stderrTail: string[] = [];
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      options.onStderr?.(chunk);
      stderrTail = [...stderrTail, ...chunk.split('\n').filter((line) => line.trim() !== '')].slice(-(options.tailLines ?? 6));
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const elapsedMs = performance.now() - started;
      const line = stdout.trim().split('\n').pop();
      if (code === 0 && line !== undefined && line.length > 0) {
        try {
          resolve({ ok: true, json: JSON.parse(line) as unknown, elapsedMs });
          return;
        } catch {
          // not JSON: a failure, below
        }
      }
      const error = timedOut ? `timed out after ${Math.round(options.timeoutMs / 60_000)} min` : `child exited with ${signal ?? `code ${code}`}`;
      resolve({ ok: false, error, stderrTail, elapsedMs });
    });
  });
}
