import { compareText } from '../compare-text';
import type { RowFailures, RowKey } from '../report/model';
import type { PreviousRow } from './previous-baseline';
import { compareKeys } from './row-key';

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
 * instead of giving a wrong count.
 */
export class KeyOrderMerge {
  private readonly counts: RowChanges = { added: 0, removed: 0, changed: 0 };
  private readonly previous: Iterator<PreviousRow>;
  private old: PreviousRow | undefined;
  private lastNew: RowKey | undefined;
  private readonly hadPrevious: boolean;
  private outOfOrder = false;

  constructor(previous: Iterable<PreviousRow>) {
    this.previous = previous[Symbol.iterator]();
    this.old = this.nextOld();
    this.hadPrevious = this.old !== undefined;
  }

  /** One new row, as its spill-file line. */
  add(line: string): void {
    // Without previous rows every row is new, whatever the order: no need to parse.
    if (!this.hadPrevious) {
      this.counts.added++;
      return;
    }
    if (this.outOfOrder) return;
    const row = JSON.parse(line) as RowFailures;
    if (this.lastNew !== undefined && compareKeys(this.lastNew, row.key) >= 0) return this.stop();
    this.lastNew = row.key;
    let order = -1;
    while (this.old && (order = compareKeys(this.old.row.key, row.key)) < 0) {
      this.counts.removed++;
      this.old = this.nextOld();
    }
    if (this.outOfOrder) return;
    if (this.old && order === 0) {
      // Spill lines carry their failures sorted.
      if (sortedFailures(this.old.row) !== row.failures.join(',')) this.counts.changed++;
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
    if (before && compareKeys(before.row.key, next.value.row.key) >= 0) {
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

export function sortedFailures(row: RowFailures): string {
  return [...row.failures].sort(compareText).join(',');
}
