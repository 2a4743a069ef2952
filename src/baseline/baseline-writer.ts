import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../errors';
import { TEXT_CHUNK } from '../text-chunk';

const COMMA = 44;
const NEWLINE = 10;

/**
 * The new baseline file, written under `<file>.<pid>.tmp` and renamed onto `file` by
 * commit(), so that a failed run leaves the previous file as it was; it keeps the previous
 * file's permissions, and a symbolic link stays one. Text and copied bytes are gathered in
 * a chunk whose last two bytes are held back: the `,\n` after an entity's last row can
 * still become `\n` (dropFinalComma).
 */
export class BaselineWriter {
  /** The file replaced: the one given, or the one its symbolic link points to. */
  private readonly target: string;
  private readonly temporary: string;
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafe(TEXT_CHUNK);
  private used = 0;
  private done = false;

  constructor(file: string) {
    const absolute = path.resolve(file);
    try {
      this.target = realTarget(absolute);
      this.temporary = `${this.target}.${process.pid}.tmp`;
      fs.mkdirSync(path.dirname(this.target), { recursive: true });
      this.fd = fs.openSync(this.temporary, 'w');
    } catch (error) {
      throw new UserError(`The baseline file ${absolute} could not be written: ${(error as Error).message}`);
    }
  }

  write(text: string): void {
    const bytes = Buffer.byteLength(text);
    if (bytes > this.buffer.length - this.used) this.flush();
    if (bytes > this.buffer.length - this.used) return this.copy(Buffer.from(text));
    this.used += this.buffer.write(text, this.used);
  }

  copy(bytes: Buffer): void {
    for (let at = 0; at < bytes.length;) {
      if (this.used === this.buffer.length) this.flush();
      const copied = bytes.copy(this.buffer, this.used, at);
      this.used += copied;
      at += copied;
    }
  }

  /** Turns the `,\n` that ends what was written into `\n`, if it does. */
  dropFinalComma(): void {
    if (this.used >= 2 && this.buffer[this.used - 2] === COMMA && this.buffer[this.used - 1] === NEWLINE) {
      this.buffer[this.used - 2] = NEWLINE;
      this.used--;
    }
  }

  commit(): void {
    fs.writeSync(this.fd, this.buffer, 0, this.used);
    const previous = fs.statSync(this.target, { throwIfNoEntry: false });
    if (previous) fs.fchmodSync(this.fd, previous.mode & 0o7777); // the permissions the user gave it
    fs.closeSync(this.fd);
    fs.renameSync(this.temporary, this.target);
    this.done = true;
  }

  abandon(): void {
    if (this.done) return;
    try {
      fs.closeSync(this.fd);
    } catch {
      // already closed
    }
    fs.rmSync(this.temporary, { force: true });
  }

  /** Writes all but the last two bytes. */
  private flush(): void {
    if (this.used <= 2) return;
    fs.writeSync(this.fd, this.buffer, 0, this.used - 2);
    this.buffer.copy(this.buffer, 0, this.used - 2, this.used);
    this.used = 2;
  }
}

/** The file a symbolic link points to, existing or not (the link stays a link), or the path itself. */
function realTarget(absolute: string): string {
  let current = absolute;
  for (let hops = 0; hops < 40; hops++) {
    const stat = fs.lstatSync(current, { throwIfNoEntry: false });
    if (!stat?.isSymbolicLink()) return current;
    current = path.resolve(path.dirname(current), fs.readlinkSync(current));
  }
  return current;
}
