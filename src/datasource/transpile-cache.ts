import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The on-disk cache of transpiled files and parsed tsconfigs, keyed by content: the
 * manager fills it and forked workers (and the next run) read it instead of loading
 * TypeScript. VALIDATE_RECORDS_CACHE_DIR moves it.
 */
export function cacheDir(): string {
  return process.env.VALIDATE_RECORDS_CACHE_DIR ||
    path.join(os.tmpdir(), `validate-records-ts-${process.getuid?.() ?? 'user'}`);
}

export function contentKey(...parts: string[]): string {
  return crypto.createHash('sha1').update(parts.join('\0')).digest('hex');
}

export function readCached(name: string): string | undefined {
  try {
    return fs.readFileSync(path.join(cacheDir(), name), 'utf8');
  } catch {
    return undefined;
  }
}

export function writeCached(name: string, text: string): void {
  const file = path.join(cacheDir(), name);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, file);
  } catch {
    // a cache that cannot be written only costs time
  }
}
