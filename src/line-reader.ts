import * as fs from 'node:fs';

const CHUNK = 1 << 20;

/**
 * Reads a file line by line, on demand, in chunks: memory is one chunk (or the longest
 * line), whatever the file's size. Lines are cut on the newline byte and decoded one by
 * one, so a character split between two chunks stays whole (no UTF-8 byte sequence holds
 * a newline byte). Call close() when stopping before the end.
 */
export class LineReader {
  private buffer = Buffer.alloc(CHUNK);
  private start = 0;
  private end = 0;
  private position: number;
  private fd: number | undefined;
  /** Byte offset in the file of the line next() returns next. */
  offset: number;
  /** False once the file's last line turned out to have no newline. */
  endsWithNewline = true;

  /** `onBytes` sees every byte read, in order (to hash the file while reading it). */
  constructor(file: string, offset = 0, private readonly onBytes?: (bytes: Buffer) => void) {
    this.fd = fs.openSync(file, 'r');
    this.position = offset;
    this.offset = offset;
  }

  /** The next line without its newline, or undefined at the end of the file. */
  next(): string | undefined {
    for (;;) {
      const newline = this.buffer.indexOf(10, this.start);
      // Bytes after `end` are stale: a newline there does not count.
      if (newline >= 0 && newline < this.end) return this.take(newline, newline + 1);
      if (this.fd === undefined) {
        if (this.start === this.end) return undefined;
        this.endsWithNewline = false;
        return this.take(this.end, this.end);
      }
      this.fill();
    }
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  private take(lineEnd: number, nextStart: number): string {
    const line = this.buffer.toString('utf8', this.start, lineEnd);
    this.offset += nextStart - this.start;
    this.start = nextStart;
    return line;
  }

  /** Keeps the unfinished line at the front (growing the buffer for a line longer than it) and reads after it. */
  private fill(): void {
    const rest = this.end - this.start;
    if (rest === this.buffer.length) {
      const bigger = Buffer.alloc(this.buffer.length * 2);
      this.buffer.copy(bigger, 0, this.start, this.end);
      this.buffer = bigger;
    } else if (this.start > 0) {
      this.buffer.copy(this.buffer, 0, this.start, this.end);
    }
    this.start = 0;
    this.end = rest;
    const read = fs.readSync(this.fd!, this.buffer, this.end, this.buffer.length - this.end, this.position);
    if (read === 0) return this.close();
    this.onBytes?.(this.buffer.subarray(this.end, this.end + read));
    this.position += read;
    this.end += read;
  }
}

/** Calls `each` with every line of `file` (without its newline). */
export function forEachLine(file: string, each: (line: string) => void): void {
  const reader = new LineReader(file);
  try {
    for (let line = reader.next(); line !== undefined; line = reader.next()) each(line);
  } finally {
    reader.close();
  }
}
