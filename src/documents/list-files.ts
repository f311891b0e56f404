/**
 * Lists the files of a documents folder, recursively: hidden files and folders (such as `.git`)
 * are left out, symbolic links to files and folders are followed, and a link back to a folder
 * already being listed is reported instead of followed forever.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describeFileError } from './file-errors.ts';

export interface FolderListing {
  /** Absolute paths of the files found, sorted for stable ids. */
  files: string[];
  /** Entries that could not be listed (a loop, an unreadable folder), by absolute path. */
  problems: { file: string; reason: string }[];
}

export async function listFiles(root: string): Promise<FolderListing> {
  const listing: FolderListing = { files: [], problems: [] };
  await walk(root, new Set([await fs.realpath(root)]), listing);
  listing.files.sort();
  listing.problems.sort((a, b) => a.file.localeCompare(b.file));
  return listing;
}

/** `ancestors` holds the real paths of the folders being listed above this one: a link to one of them is a loop. */
async function walk(folder: string, ancestors: Set<string>, listing: FolderListing): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch (error) {
    listing.problems.push({ file: folder, reason: `folder unreadable: ${describeFileError(error)}` });
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      const real = await fs.realpath(full).catch(() => full);
      await walk(full, new Set([...ancestors, real]), listing);
    } else if (entry.isSymbolicLink()) {
      let real: string;
      let isFolder: boolean;
      try {
        real = await fs.realpath(full);
        isFolder = (await fs.stat(real)).isDirectory();
      } catch {
        // A dangling or looping link is reported when it is read, as an unreadable file.
        listing.files.push(full);
        continue;
      }
      if (!isFolder) listing.files.push(full);
      else if (ancestors.has(real)) listing.problems.push({ file: full, reason: 'a link to a folder that contains it (symbolic link loop): not followed' });
      else await walk(full, new Set([...ancestors, real]), listing);
    } else if (entry.isFile()) {
      listing.files.push(full);
    }
  }
}
