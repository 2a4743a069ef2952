import type { Plan } from '../plan/build-pieces';
import { pieceLabel, type Piece } from '../plan/piece';
import type { Cancellation } from './cancellation';
import { PieceQueue } from './piece-queue';
import type { PieceResult } from '../report/piece-result';
import type { RunObserver } from './run-observer';
import type { WorkerPool } from './worker-pool';

/** A piece's process may die this many times before the piece is reported as an error. */
export const MAX_ATTEMPTS = 3;

/** The pool's slots that get work: never more than there are pieces. */
export function busySlots(poolSize: number, plan: Plan): number {
  return Math.max(1, Math.min(poolSize, plan.pieces.length));
}

/**
 * Runs the plan on the pool's workers (the scheduling side): each slot pulls the next piece
 * when idle, a piece whose process died is redone (the pool gives the slot a new worker),
 * cancellation stops dispatching and asks running pieces to return what they have.
 * Returns every piece's result, in plan order.
 */
export async function runPlan(
  plan: Plan,
  pool: WorkerPool,
  observer: RunObserver,
  cancellation: Cancellation,
): Promise<PieceResult[]> {
  const slots = busySlots(pool.size, plan);
  const queue = new PieceQueue(plan, slots);
  const results = new Map<number, PieceResult>();
  const attempts = new Map<number, number>();
  let startupFailure: string | undefined;
  const resultOf = (piece: Piece, outcome: Omit<PieceResult, 'table' | 'part' | 'parts' | 'range'>): PieceResult =>
    ({ table: piece.table, part: piece.part, parts: piece.parts, range: piece.range, ...outcome });

  const unsubscribe = cancellation.onCancel((force) => pool.stopAll(force));

  const slotLoop = async (slot: number) => {
    for (;;) {
      if (cancellation.cancelled || startupFailure) break;
      const piece = queue.take(slot);
      if (!piece) break;
      const worker = pool.worker(slot);
      const label = pieceLabel(piece);
      observer.pieceStarted?.(slot + 1, label, piece.estimatedRows);
      let rowsSeen = 0;
      const outcome = await worker.run(piece, label, (rows) => {
        rowsSeen += rows;
        observer.rowsDone?.(slot + 1, rows);
      });
      if (outcome.kind === 'done') {
        results.set(piece.id, resultOf(piece, { report: outcome.report, complete: outcome.complete }));
      } else if (outcome.kind === 'failed') {
        results.set(piece.id, resultOf(piece, { complete: false, error: outcome.message }));
      } else {
        observer.rowsDone?.(slot + 1, -rowsSeen);
        pool.lost(slot);
        const tries = (attempts.get(piece.id) ?? 0) + 1;
        attempts.set(piece.id, tries);
        if (outcome.cannotStart) {
          startupFailure = outcome.message;
          queue.putBack(piece, slot);
        } else if (cancellation.cancelled) {
          results.set(piece.id, resultOf(piece, { complete: false }));
        } else if (tries < MAX_ATTEMPTS) {
          queue.putBack(piece, slot);
        } else {
          results.set(piece.id, resultOf(piece, { complete: false, error: `the worker process died ${tries} times on this piece; last: ${outcome.message}` }));
        }
      }
    }
    await pool.retire(slot);
  };

  try {
    await Promise.all(Array.from({ length: slots }, (_, slot) => slotLoop(slot)));
  } finally {
    unsubscribe();
  }
  for (const piece of queue.drain()) {
    results.set(piece.id, resultOf(piece, { complete: false, error: startupFailure }));
  }
  return plan.pieces.flatMap((piece) => results.get(piece.id) ?? []);
}
