import type { ByteStream } from '../byte-stream';
import type { BaselineWriter } from './baseline-writer';
import type { RowChanges } from './key-order-merge';
import { unframeRowLine } from './row-framing';
import { RowLine } from './row-line';
import { compareSortable, type SortableKey } from './sortable-key';

const NEWLINE = 10;

/**
 * An entity's rows now (`fresh`: the workers' spill files, in the database's key order)
 * against its rows in a canonical previous file (`previous`: strictly in compareKeys
 * order), both as framed row lines: writes the new lines to `out` and counts the changes.
 * Where both sides hold the same bytes (rows failing as before: most of a refreshed
 * baseline) whole lines are copied without decoding them, a chunk at a time. Where they
 * differ, one step of a key-order merge on the two next rows. An equal line keeps the new
 * side increasing (the previous row it equals is greater than every new row so far);
 * every step checks it, and once the new rows turn out not to be in compareKeys order
 * (text keys in a collation's order) the rest is only copied and undefined returned, for
 * the caller to count another way.
 */
export function mergeSection(previous: ByteStream, fresh: ByteStream, out: BaselineWriter | undefined): RowChanges | undefined {
  const counts: RowChanges = { added: 0, removed: 0, changed: 0 };
  const last = new LastNewRow();
  const oldRow = new CurrentRow(previous);
  const newRow = new CurrentRow(fresh);
  for (;;) {
    const old = previous.window();
    const next = fresh.window();
    if (next.length === 0) break;
    const same = old.length === 0 ? 0 : sameLines(old, next);
    if (same > 0) {
      last.set(next, same);
      out?.copy(next.subarray(0, same));
      previous.skip(same);
      fresh.skip(same);
      continue;
    }
    const added = newRow.get()!;
    if (!last.isBefore(added.key)) {
      copyRest(fresh, out);
      return undefined;
    }
    const before = old.length === 0 ? undefined : oldRow.get()!;
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
      counts.added++;
    }
    last.row = added;
    out?.copy(fresh.buffer.subarray(fresh.lineStart, fresh.lineEnd + 1));
    fresh.skipLine();
  }
  counts.removed += copyRest(previous, undefined);
  return counts;
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

/** The row of a stream's next line (found again, as a window may have moved it), read once however many steps look at it. */
class CurrentRow {
  private at = -1;
  private row: RowLine | undefined;

  constructor(private readonly stream: ByteStream) {}

  get(): RowLine | undefined {
    if (!this.stream.peekLine()) return undefined;
    if (this.at !== this.stream.consumed || !this.row) {
      this.row = new RowLine(unframeRowLine(this.stream.lineText())!);
      this.at = this.stream.consumed;
    }
    return this.row;
  }
}

/** The last new row written: a row a step read, or the last line of a copied stretch (read only if a step needs its key). */
class LastNewRow {
  row: RowLine | undefined;
  private line: string | undefined;

  /** The stretch window[0, end) was copied. */
  set(window: Buffer, end: number): void {
    const start = end >= 2 ? window.lastIndexOf(NEWLINE, end - 2) + 1 : 0;
    this.line = window.toString('utf8', start, end - 1);
    this.row = undefined;
  }

  isBefore(key: SortableKey): boolean {
    if (!this.row && this.line !== undefined) this.row = new RowLine(unframeRowLine(this.line)!);
    return !this.row || compareSortable(this.row.key, key) < 0;
  }
}
