/**
 * The per-install secret that member ids are hashed with: 32 random bytes in `STATE_DIR/install-secret`,
 * created once (owner-only permissions) and kept apart from the database, so a copy of the
 * database alone cannot be matched back to Discord ids by hashing candidate ids.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SECRET_FILE = 'install-secret';

/** Reads the secret, creating it on first use. Throws when the folder cannot be read or written. */
export function loadInstallSecret(stateDir: string): Buffer {
  const file = path.join(stateDir, SECRET_FILE);
  try {
    const text = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(text)) return Buffer.from(text, 'hex');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32);
  // `wx`: never overwrite a secret another process wrote meanwhile (then read theirs).
  try {
    writeFileSync(file, `${secret.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadInstallSecret(stateDir);
    throw error;
  }
}

/** The member id as stored: HMAC-SHA256 with the install secret, 32 hex characters. */
export function hashMemberId(secret: Buffer, memberId: string): string {
  return createHmac('sha256', secret).update(memberId).digest('hex').slice(0, 32);
}
