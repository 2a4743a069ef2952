import * as fs from 'node:fs';
import { TEXT_CHUNK } from './text-chunk';

const NEWLINE = 10;

/** Bytes `start` to `end` of a file (to its end when `end` is undefined). */
export interface ByteRange {
  file: string;
  start: number;
  end?: number;
}

/**
 * Byte ranges of files read one after the other as one stream of lines, without decoding
 * them, through a window of about a chunk (grown for a longer line). Each range ends with a
 * newline (spill files, a baseline's row lines), so no line spans two ranges. Call close()
 * when stopping before the end.
 */
export class ByteStream {
  /** After peekLine(): the line is buffer[lineStart, lineEnd), without its newline. */
  buffer = Buffer.allocUnsafe(TEXT_CHUNK);
  lineStart = 0;
  lineEnd = 0;
  /** The unread bytes are buffer[from, to). */
  private from = 0;
  private to = 0;
  private nextRange = 0;
  private fd: number | undefined;
  private position = 0;
  private end = Infinity;
  /** Bytes consumed so far, over all ranges. */
  consumed = 0;

  constructor(private readonly ranges: ByteRange[]) {}

  /**
   * The unread bytes, at least one whole line (unless the stream's last line has no
   * newline) and about half a chunk when there are that many; empty at the end.
   */
  window(): Buffer {
    if (this.to - this.from < TEXT_CHUNK >> 1) this.fill();
    while (this.newlineFrom(this.from) < 0 && this.more()) this.fill();
    return this.buffer.subarray(this.from, this.to);
  }

  /** Finds the next line (see lineStart, lineEnd) without moving past it; false at the end. */
  peekLine(): boolean {
    let newline = this.newlineFrom(this.from);
    while (newline < 0 && this.more()) {
      this.fill();
      newline = this.newlineFrom(this.from);
    }
    if (this.from === this.to) return false;
    this.lineStart = this.from;
    this.lineEnd = newline < 0 ? this.to : newline;
    return true;
  }

  /** Whether the line peekLine() found ends with a newline (only the stream's last line may not). */
  get lineHasNewline(): boolean {
    return this.lineEnd < this.to;
  }

  /** The line peekLine() found, decoded. */
  lineText(): string {
    return this.buffer.toString('utf8', this.lineStart, this.lineEnd);
  }

  /** Moves past the line peekLine() found. */
  skipLine(): void {
    this.skip(Math.min(this.lineEnd + 1, this.to) - this.from);
  }

  /** Moves `bytes` forward, within the last window. */
  skip(bytes: number): void {
    this.from += bytes;
    this.consumed += bytes;
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
    this.nextRange = this.ranges.length;
  }

  private newlineFrom(at: number): number {
    const newline = this.buffer.indexOf(NEWLINE, at);
    return newline >= 0 && newline < this.to ? newline : -1;
  }

  private more(): boolean {
    return this.fd !== undefined || this.nextRange < this.ranges.length;
  }

  /** Reads after the unread bytes until the buffer is full (grown when they fill it) or the stream ends. */
  private fill(): void {
    if (this.from > 0) {
      this.buffer.copy(this.buffer, 0, this.from, this.to);
      this.to -= this.from;
      this.from = 0;
    }
    if (this.to === this.buffer.length) {
      const bigger = Buffer.allocUnsafe(this.buffer.length * 2);
      this.buffer.copy(bigger, 0, 0, this.to);
      this.buffer = bigger;
    }
    while (this.to < this.buffer.length && this.openRange()) {
      const read = fs.readSync(this.fd!, this.buffer, this.to, Math.min(this.buffer.length - this.to, this.end - this.position), this.position);
      if (read === 0) this.closeRange();
      this.position += read;
      this.to += read;
    }
  }

  /** True when a range with bytes left is open, opening the next one when needed. */
  private openRange(): boolean {
    if (this.fd !== undefined && this.position < this.end) return true;
    this.closeRange();
    if (this.nextRange >= this.ranges.length) return false;
    const range = this.ranges[this.nextRange++];
    this.fd = fs.openSync(range.file, 'r');
    this.position = range.start;
    this.end = range.end ?? Infinity;
    return this.position < this.end || this.openRange();
  }

  private closeRange(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }
}
