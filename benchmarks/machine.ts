/** Measurement helpers for the benchmark: the machine, memory peaks, and sizes on disk. */
import { readdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface MachineInfo {
  node: string;
  platform: string;
  cpu: string;
  cores: number;
  memoryGb: number;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
  };
}

const MB = 1024 * 1024;

/**
 * Samples `process.memoryUsage().rss` on a timer. A timer cannot fire while synchronous work holds
 * the event loop, so the sampled peak can miss short spikes: read it together with
 * `process.resourceUsage().maxRSS`, the kernel's high-water mark for the whole process lifetime.
 */
export class RssSampler {
  private peak = process.memoryUsage().rss;
  private timer: NodeJS.Timeout | undefined;

  start(intervalMs = 20): this {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    return this;
  }

  sample(): void {
    const rss = process.memoryUsage().rss;
    if (rss > this.peak) this.peak = rss;
  }

  /** Stops sampling; returns the sampled peak and the process's maxRSS so far, in MB. */
  stop(): { sampledPeakRssMb: number; maxRssMb: number } {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    return { sampledPeakRssMb: this.peak / MB, maxRssMb: maxRssMb() };
  }
}

/** The process's peak resident set size so far, in MB (`resourceUsage().maxRSS` is in KiB). */
export function maxRssMb(): number {
  return (process.resourceUsage().maxRSS * 1024) / MB;
}

/** Sum of the sizes of the files under `dir`, recursively, skipping the folders in `exclude`. 0 if missing. */
export async function directoryBytes(dir: string, exclude: readonly string[] = []): Promise<number> {
  const skip = new Set(exclude.map((p) => path.resolve(p)));
  const walk = async (current: string): Promise<number> => {
    if (skip.has(path.resolve(current))) return 0;
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch {
      return 0;
    }
    let total = 0;
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) total += await walk(full);
      else if (entry.isFile()) total += (await stat(full)).size;
    }
    return total;
  };
  return walk(dir);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < MB) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 * MB) return `${(bytes / MB).toFixed(1)} MiB`;
  return `${(bytes / (1024 * MB)).toFixed(2)} GiB`;
}
