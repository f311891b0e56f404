/**
 * File systems for index writes that behave like real trouble without root: one that fails like a
 * full disk or a read-only mount, and one that holds every write until the test lets it go.
 */
import { realFileSystem, type IndexFileSystem } from '../../src/index/index-write.ts';

function systemError(code: 'ENOSPC' | 'EROFS', file: string): NodeJS.ErrnoException {
  const text = code === 'ENOSPC' ? 'no space left on device' : 'read-only file system';
  const error: NodeJS.ErrnoException = new Error(`${code}: ${text}, open '${file}'`);
  error.code = code;
  return error;
}

/**
 * Real writes until `fail()` is called; after that, a full disk (`ENOSPC`: folders can still be
 * made, files cannot be written) or a read-only folder (`EROFS`: nothing can be made).
 */
export function troubledFileSystem(code: 'ENOSPC' | 'EROFS'): IndexFileSystem & { fail(): void } {
  let failing = false;
  return {
    fail: () => {
      failing = true;
    },
    mkdir: async (folder) => {
      if (failing && code === 'EROFS') throw systemError(code, folder);
      await realFileSystem.mkdir(folder);
    },
    writeFile: async (file, data) => {
      if (failing) throw systemError(code, file);
      await realFileSystem.writeFile(file, data);
    },
    rename: async (from, to) => {
      if (failing) throw systemError(code, to);
      await realFileSystem.rename(from, to);
    },
  };
}

/** Real writes, except that once `hold()` is called every write waits until `release()`. */
export function gatedFileSystem(): IndexFileSystem & { hold(): void; release(): void; readonly waiting: boolean } {
  let gate: Promise<void> | null = null;
  let open: () => void = () => {};
  let waiting = false;
  const pass = async () => {
    if (!gate) return;
    waiting = true;
    await gate;
    waiting = false;
  };
  return {
    hold: () => {
      gate = new Promise<void>((resolve) => (open = resolve));
    },
    release: () => {
      gate = null;
      open();
    },
    get waiting() {
      return waiting;
    },
    mkdir: async (folder) => realFileSystem.mkdir(folder),
    writeFile: async (file, data) => {
      await pass();
      await realFileSystem.writeFile(file, data);
    },
    rename: (from, to) => realFileSystem.rename(from, to),
  };
}
