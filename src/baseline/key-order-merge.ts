import { RowLine } from './row-line';
import { compareSortable, sameShape } from './sortable-key';

export interface RowChanges {
  added: number;
  removed: number;
  changed: number;
}

/**
 * Counts how an entity's rows changed by walking the previous rows and the new ones side by
 * side in compareKeys order, holding one row of each. A new line equal to the previous
 * row's line is that row, failing as before: neither is cut or parsed (the usual case of a
 * refreshed baseline). The new rows come in the database's key order, which is compareKeys
 * order for number keys but not always for text keys (collations) or mixed ones: every
 * other step checks that the new side is strictly increasing, and so is the previous side
 * (a file read whole, sorted in memory, may list a key twice), and finish() returns
 * undefined once one was not, so that the caller
 * counts another way instead of giving a wrong count; so does a key of another shape than
 * the previous rows' (sameShape). Failures are compared as JSON texts: both sides write
 * them sorted.
 */
export class KeyOrderMerge {
  private readonly counts: RowChanges = { added: 0, removed: 0, changed: 0 };
  private readonly previous: Iterator<RowLine>;
  private old: RowLine | undefined;
  /** The last new row's key: the row itself, or the previous row it equalled. */
  private lastNew: RowLine | undefined;
  private readonly hadPrevious: boolean;
  private outOfOrder = false;

  constructor(previous: Iterable<RowLine>) {
    this.previous = previous[Symbol.iterator]();
    this.old = this.nextOld();
    this.hadPrevious = this.old !== undefined;
  }

  /** One new row, as its row line (rowLine's text). */
  add(line: string): void {
    // Without previous rows every row is new, whatever the order: no need to read it.
    if (!this.hadPrevious) {
      this.counts.added++;
      return;
    }
    if (this.outOfOrder) return;
    // The current previous row is greater than every new row so far (smaller ones were
    // passed, an equal one consumed): an equal line keeps the new side increasing.
    if (this.old && this.old.text === line) {
      this.lastNew = this.old;
      this.old = this.nextOld();
      return;
    }
    const row = new RowLine(line);
    if (this.lastNew !== undefined && (!sameShape(this.lastNew.key, row.key) || compareSortable(this.lastNew.key, row.key) >= 0)) return this.stop();
    if (this.old && !sameShape(this.old.key, row.key)) return this.stop();
    this.lastNew = row;
    let order = -1;
    while (this.old && (order = compareSortable(this.old.key, row.key)) < 0) {
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

  /** Ends the pass over the previous rows when stopping early. */
  close(): void {
    this.previous.return?.();
  }

  private nextOld(): RowLine | undefined {
    const before = this.old;
    const next = this.previous.next();
    if (next.done) return undefined;
    if (before && (!sameShape(before.key, next.value.key) || compareSortable(before.key, next.value.key) >= 0)) {
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
