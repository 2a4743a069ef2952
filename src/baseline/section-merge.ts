import type { ByteStream } from '../byte-stream';
import type { BaselineWriter } from './baseline-writer';
import type { RowChanges } from './key-order-merge';
import { unframeRowLine } from './row-framing';
import { RowLine } from './row-line';
import { compareSortable, sameShape, type SortableKey } from './sortable-key';

const NEWLINE = 10;

/** Equal lines in a row after which the merge compares whole windows instead of lines. */
const STRETCH_AFTER = 8;

/**
 * An entity's rows now (`fresh`: the workers' spill files, in the database's key order)
 * against its rows in a canonical previous file (`previous`: strictly in compareKeys
 * order), both as framed row lines: writes the new lines to `out` and counts the changes.
 * A new line equal to the previous one is that row, failing as before (most of a refreshed
 * baseline): it is copied without being decoded, and after a few of them whole windows of
 * equal bytes are. Where the lines differ, one step of a key-order merge on the two rows.
 * The previous row is greater than every new row written so far, so a new row equal to it
 * keeps the new side increasing; only one smaller than it (an added row, or any after the
 * previous rows ended) is checked against the last new row. Once the new rows turn out not
 * to be in compareKeys order (text keys in a collation's order), or their keys not of the
 * previous rows' shape (sameShape), the rest is only copied and undefined returned, for the
 * caller to count another way.
 */
export function mergeSection(previous: ByteStream, fresh: ByteStream, out: BaselineWriter | undefined): RowChanges | undefined {
  const counts: RowChanges = { added: 0, removed: 0, changed: 0 };
  const last = new LastNewRow();
  const oldRow = new CurrentRow(previous);
  const newRow = new CurrentRow(fresh);
  let sameInARow = 0;
  while (fresh.peekLine()) {
    const hasOld = previous.peekLine();
    if (hasOld && sameLine(previous, fresh)) {
      if (++sameInARow >= STRETCH_AFTER) {
        copyStretch(previous, fresh, out, last);
        sameInARow = 0;
        continue;
      }
      last.set(fresh.buffer, fresh.lineStart, fresh.lineEnd);
      out?.copy(fresh.buffer.subarray(fresh.lineStart, fresh.lineEnd + 1));
      previous.skipLine();
      fresh.skipLine();
      continue;
    }
    sameInARow = 0;
    const added = newRow.get();
    const before = hasOld ? oldRow.get() : undefined;
    if (before && !sameShape(before.key, added.key)) {
      copyRest(fresh, out);
      return undefined;
    }
    const order = before ? compareSortable(before.key, added.key) : 1;
    if (order < 0) {
      counts.removed++;
      previous.skipLine();
      continue;
    }
    if (order === 0) {
      if (before!.failuresText !== added.failuresText) counts.changed++;
      previous.skipLine();
    } else {
      if (!last.isBefore(added.key)) {
        copyRest(fresh, out);
        return undefined;
      }
      counts.added++;
    }
    last.row = added;
    out?.copy(fresh.buffer.subarray(fresh.lineStart, fresh.lineEnd + 1));
    fresh.skipLine();
  }
  counts.removed += copyRest(previous, undefined);
  return counts;
}

/** Copies whole lines while both streams hold the same bytes, a window at a time. */
function copyStretch(previous: ByteStream, fresh: ByteStream, out: BaselineWriter | undefined, last: LastNewRow): void {
  for (;;) {
    const old = previous.window();
    const next = fresh.window();
    const same = old.length > 0 && next.length > 0 ? sameLines(old, next) : 0;
    if (same === 0) return;
    last.set(next, (same >= 2 ? next.lastIndexOf(NEWLINE, same - 2) : -1) + 1, same - 1);
    out?.copy(next.subarray(0, same));
    previous.skip(same);
    fresh.skip(same);
  }
}

/** Whether the lines the two streams found are the same bytes. */
function sameLine(a: ByteStream, b: ByteStream): boolean {
  const length = a.lineEnd - a.lineStart;
  if (length !== b.lineEnd - b.lineStart) return false;
  const x = a.buffer;
  const y = b.buffer;
  for (let i = 0, j = a.lineStart, k = b.lineStart; i < length; i++, j++, k++) if (x[j] !== y[k]) return false;
  return true;
}

/** Copies the rest of a stream to `out` (when given); returns how many lines it held. */
export function copyRest(stream: ByteStream, out: BaselineWriter | undefined): number {
  let lines = 0;
  for (let window = stream.window(); window.length > 0; window = stream.window()) {
    for (let at = window.indexOf(NEWLINE); at >= 0; at = window.indexOf(NEWLINE, at + 1)) lines++;
    out?.copy(window);
    stream.skip(window.length);
  }
  return lines;
}

/** Bytes of whole lines equal at the start of both windows (0 when their first lines differ). */
function sameLines(a: Buffer, b: Buffer): number {
  const length = Math.min(a.length, b.length);
  let same = length;
  if (a.compare(b, 0, length, 0, length) !== 0) {
    same = 0;
    while (a[same] === b[same]) same++;
  }
  return same > 0 ? b.lastIndexOf(NEWLINE, same - 1) + 1 : 0;
}

/** The row of the line a stream found, read once however many steps look at it. */
class CurrentRow {
  private at = -1;
  private row: RowLine | undefined;

  constructor(private readonly stream: ByteStream) {}

  get(): RowLine {
    if (this.at !== this.stream.consumed || !this.row) {
      this.row = new RowLine(unframeRowLine(this.stream.lineText())!);
      this.at = this.stream.consumed;
    }
    return this.row;
  }
}

/** The last new row written: a row a step read, or the bytes of a copied line (read only if a step needs its key). */
class LastNewRow {
  row: RowLine | undefined;
  private line = Buffer.alloc(256);
  private length = -1;

  /** The line buffer[start, end) was copied. */
  set(buffer: Buffer, start: number, end: number): void {
    if (end - start > this.line.length) this.line = Buffer.alloc(2 * (end - start));
    this.length = buffer.copy(this.line, 0, start, end);
    this.row = undefined;
  }

  isBefore(key: SortableKey): boolean {
    if (!this.row && this.length >= 0) this.row = new RowLine(unframeRowLine(this.line.toString('utf8', 0, this.length))!);
    return !this.row || (sameShape(this.row.key, key) && compareSortable(this.row.key, key) < 0);
  }
}
