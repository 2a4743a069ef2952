import type { PreviousRow } from './previous-baseline';
import { splitRowLine } from './row-line';
import { SortableKey, compareSortable } from './sortable-key';

export interface RowChanges {
  added: number;
  removed: number;
  changed: number;
}

/**
 * Counts how an entity's rows changed by walking the previous rows and the new ones side by
 * side in compareKeys order, holding one row of each. The new rows come in the database's
 * key order, which is compareKeys order for number keys but not always for text keys
 * (collations) or mixed ones: every step checks that both sides are strictly increasing,
 * and finish() returns undefined once one was not, so that the caller counts another way
 * instead of giving a wrong count. Failures are compared as JSON texts: both sides write
 * them sorted.
 */
export class KeyOrderMerge {
  private readonly counts: RowChanges = { added: 0, removed: 0, changed: 0 };
  private readonly previous: Iterator<PreviousRow>;
  private old: PreviousRow | undefined;
  private lastNew: SortableKey | undefined;
  private readonly hadPrevious: boolean;
  private outOfOrder = false;

  constructor(previous: Iterable<PreviousRow>) {
    this.previous = previous[Symbol.iterator]();
    this.old = this.nextOld();
    this.hadPrevious = this.old !== undefined;
  }

  /** One new row, as its spill-file line. */
  add(line: string): void {
    // Without previous rows every row is new, whatever the order: no need to read it.
    if (!this.hadPrevious) {
      this.counts.added++;
      return;
    }
    if (this.outOfOrder) return;
    const row = splitRowLine(line);
    if (!row) throw new Error(`not a failing-rows line: ${line.slice(0, 200)}`);
    const key = new SortableKey(row.keyText);
    if (this.lastNew !== undefined && compareSortable(this.lastNew, key) >= 0) return this.stop();
    this.lastNew = key;
    let order = -1;
    while (this.old && (order = compareSortable(this.old.key, key)) < 0) {
      this.counts.removed++;
      this.old = this.nextOld();
    }
    if (this.outOfOrder) return;
    if (this.old && order === 0) {
      if (this.old.failuresText !== row.failuresText) this.counts.changed++;
      this.old = this.nextOld();
    } else {
      this.counts.added++;
    }
  }

  /** The counts, or undefined when an order check failed. */
  finish(): RowChanges | undefined {
    while (this.old && !this.outOfOrder) {
      this.counts.removed++;
      this.old = this.nextOld();
    }
    this.close();
    return this.outOfOrder ? undefined : this.counts;
  }

  /** Releases the previous rows' file when stopping early. */
  close(): void {
    this.previous.return?.();
  }

  private nextOld(): PreviousRow | undefined {
    const before = this.old;
    const next = this.previous.next();
    if (next.done) return undefined;
    if (before && compareSortable(before.key, next.value.key) >= 0) {
      this.stop();
      return undefined;
    }
    return next.value;
  }

  private stop(): void {
    this.outOfOrder = true;
    this.close();
  }
}
