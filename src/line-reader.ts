import * as fs from 'node:fs';
import { TEXT_CHUNK } from './text-chunk';

const NEWLINE = 10;

/**
 * Reads a file line by line, on demand, in chunks: memory is one chunk (or the longest
 * line), whatever the file's size. Each chunk is decoded once, up to its last newline, so
 * a character split between two chunks stays whole (no UTF-8 byte sequence holds a newline
 * byte), and lines are slices of that text. Call close() when stopping before the end.
 */
export class LineReader {
  private buffer = Buffer.alloc(TEXT_CHUNK);
  /** Bytes read but not decoded yet: buffer[0, pending). */
  private pending = 0;
  private position: number;
  private fd: number | undefined;
  /** The decoded lines of the current chunk, and where in it the next line starts. */
  private text = '';
  private at = 0;

  constructor(file: string, offset = 0) {
    this.fd = fs.openSync(file, 'r');
    this.position = offset;
  }

  /** The next line without its newline, or undefined at the end of the file. */
  next(): string | undefined {
    while (this.at >= this.text.length && this.decodeMore());
    if (this.at >= this.text.length) return undefined;
    let end = this.text.indexOf('\n', this.at);
    if (end < 0) end = this.text.length; // the last line, without newline
    const line = this.text.slice(this.at, end);
    this.at = end + 1;
    return line;
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }

  /** Decodes the next lines (through the last newline read); false at the end of the file. */
  private decodeMore(): boolean {
    this.text = '';
    this.at = 0;
    for (;;) {
      const newline = this.pending > 0 ? this.buffer.lastIndexOf(NEWLINE, this.pending - 1) : -1;
      if (newline >= 0) return this.decode(newline + 1);
      if (this.fd === undefined) {
        if (this.pending === 0) return false;
        return this.decode(this.pending);
      }
      this.read();
    }
  }

  private decode(bytes: number): boolean {
    this.text = this.buffer.toString('utf8', 0, bytes);
    this.buffer.copy(this.buffer, 0, bytes, this.pending);
    this.pending -= bytes;
    return true;
  }

  /** Reads after the pending bytes, growing the buffer for a line longer than it. */
  private read(): void {
    if (this.pending === this.buffer.length) {
      const bigger = Buffer.alloc(this.buffer.length * 2);
      this.buffer.copy(bigger, 0, 0, this.pending);
      this.buffer = bigger;
    }
    const read = fs.readSync(this.fd!, this.buffer, this.pending, this.buffer.length - this.pending, this.position);
    if (read === 0) return this.close();
    this.position += read;
    this.pending += read;
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
