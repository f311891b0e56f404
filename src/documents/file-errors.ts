/** File system error codes in words: a skip reason says what happened, not `EACCES`. */

const MEANINGS: Record<string, string> = {
  EACCES: 'permission denied (the bot cannot read it)',
  EPERM: 'permission denied (the bot cannot read it)',
  ENOENT: 'it disappeared or is a link to a file that does not exist',
  ELOOP: 'a link that points back to itself (symbolic link loop)',
  EISDIR: 'it is a folder',
  EMFILE: 'too many files open at once; try again',
  ENFILE: 'too many files open at once; try again',
  EIO: 'the disk reported an input/output error',
  ENAMETOOLONG: 'its path is too long',
  EBUSY: 'it is in use by another program',
};

/** What a file system error means for a person. */
export function describeFileError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && MEANINGS[code]) return MEANINGS[code];
  return error instanceof Error ? error.message : String(error);
}
