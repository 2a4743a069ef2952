import type { Plan } from '../plan/build-pieces';
import type { Piece } from '../plan/piece';

/**
 * Hands out pieces. Dynamic: one shared queue, largest first, any idle slot pulls the
 * next. Buckets: each slot owns the tables dealt to it and works through them smallest
 * first, as the original tool did.
 */
export class PieceQueue {
  private readonly shared: Piece[] = [];
  private readonly buckets: Piece[][] = [];

  constructor(plan: Plan, slots: number) {
    if (!plan.bucketOf) {
      this.shared.push(...plan.pieces);
      return;
    }
    for (let slot = 0; slot < slots; slot++) this.buckets.push([]);
    for (const piece of [...plan.pieces].reverse()) this.buckets[plan.bucketOf.get(piece.id)! % slots].push(piece);
  }

  take(slot: number): Piece | undefined {
    return this.buckets.length > 0 ? this.buckets[slot].shift() : this.shared.shift();
  }

  /** A piece whose worker died goes to the front, to be redone next. */
  putBack(piece: Piece, slot: number): void {
    if (this.buckets.length > 0) this.buckets[slot].unshift(piece);
    else this.shared.unshift(piece);
  }

  drain(): Piece[] {
    const left = [...this.shared, ...this.buckets.flat()];
    this.shared.length = 0;
    for (const bucket of this.buckets) bucket.length = 0;
    return left;
  }
}
