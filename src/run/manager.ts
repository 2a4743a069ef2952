import type { Plan } from '../plan/build-pieces';
import { pieceLabel, type Piece } from '../plan/piece';
import type { PieceReport } from '../report/model';
import type { Cancellation } from './cancellation';
import { PieceQueue } from './piece-queue';
import type { PieceWorker } from './piece-worker';
import type { RunObserver } from './run-observer';

/** A piece's process may die this many times before the piece is reported as an error. */
export const MAX_ATTEMPTS = 3;
/** After a graceful stop request, workers get this long before they are killed. */
const STOP_GRACE_MS = 5_000;

export interface PieceResult {
  piece: Piece;
  report?: PieceReport;
  complete: boolean;
  error?: string;
}

/**
 * Runs the plan on `slots` workers (scheduling side of the pool): each slot pulls the next
 * piece when idle, a slot whose process died gets a new one and the piece is redone,
 * cancellation stops dispatching and asks running pieces to return what they have.
 */
export async function runPlan(
  plan: Plan,
  slots: number,
  startWorker: (slot: number) => PieceWorker,
  observer: RunObserver,
  cancellation: Cancellation,
  onWorkersChanged: (pids: number[]) => void = () => undefined,
): Promise<Map<number, PieceResult>> {
  const queue = new PieceQueue(plan, slots);
  const results = new Map<number, PieceResult>();
  const attempts = new Map<number, number>();
  const workers: Array<PieceWorker | undefined> = new Array(slots).fill(undefined);
  const everStarted: PieceWorker[] = [];
  let startupFailure: string | undefined;

  const announceWorkers = () => onWorkersChanged(workers.filter((w): w is PieceWorker => !!w).map((w) => w.pid));
  const stopAll = (force: boolean) => {
    for (const worker of workers) {
      if (!worker) continue;
      if (force) worker.kill();
      else {
        worker.stop();
        setTimeout(() => worker.kill(), STOP_GRACE_MS).unref();
      }
    }
  };
  const unsubscribe = cancellation.onCancel(stopAll);

  const slotLoop = async (slot: number) => {
    for (;;) {
      if (cancellation.cancelled || startupFailure) break;
      const piece = queue.take(slot);
      if (!piece) break;
      let worker = workers[slot];
      if (!worker) {
        worker = workers[slot] = startWorker(slot);
        everStarted.push(worker);
        announceWorkers();
      }
      const label = pieceLabel(piece);
      observer.pieceStarted?.(slot + 1, label, piece.estimatedRows);
      let rowsSeen = 0;
      const outcome = await worker.run(piece, label, (rows) => {
        rowsSeen += rows;
        observer.rowsDone?.(slot + 1, rows);
      });
      if (outcome.kind === 'done') {
        results.set(piece.id, { piece, report: outcome.report, complete: outcome.complete });
      } else if (outcome.kind === 'failed') {
        results.set(piece.id, { piece, complete: false, error: outcome.message });
      } else {
        observer.rowsDone?.(slot + 1, -rowsSeen);
        workers[slot] = undefined;
        announceWorkers();
        const tries = (attempts.get(piece.id) ?? 0) + 1;
        attempts.set(piece.id, tries);
        if (outcome.cannotStart) {
          startupFailure = outcome.message;
          queue.putBack(piece, slot);
        } else if (cancellation.cancelled) {
          results.set(piece.id, { piece, complete: false });
        } else if (tries < MAX_ATTEMPTS) {
          queue.putBack(piece, slot);
        } else {
          results.set(piece.id, { piece, complete: false, error: `the worker process died ${tries} times on this piece; last: ${outcome.message}` });
        }
      }
    }
    const worker = workers[slot];
    if (worker) {
      worker.stop();
      await worker.exited;
    }
  };

  try {
    await Promise.all(Array.from({ length: slots }, (_, slot) => slotLoop(slot)));
  } finally {
    unsubscribe();
    for (const worker of everStarted) worker.kill();
    await Promise.all(everStarted.map((worker) => worker.exited));
  }
  for (const piece of queue.drain()) {
    results.set(piece.id, { piece, complete: false, error: startupFailure });
  }
  return results;
}
