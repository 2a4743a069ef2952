import type { Piece } from '../plan/piece';
import type { PieceReport } from '../report/model';

export type PieceOutcome =
  | { kind: 'done'; report: PieceReport; complete: boolean }
  /** The scan threw inside a healthy worker: reported on the table, not retried. */
  | { kind: 'failed'; message: string }
  /**
   * The process died (crash, kill, out of memory): the piece is redone elsewhere.
   * `cannotStart`: it said it could not open the data source, which no retry will fix.
   */
  | { kind: 'crashed'; message: string; cannotStart: boolean };

/** One slot of the pool: a forked child, or this process for --procs 1. */
export interface PieceWorker {
  readonly pid: number;
  run(piece: Piece, label: string, onRows: (rows: number) => void): Promise<PieceOutcome>;
  /** Finish the current batch, answer with a partial report, then quit. */
  stop(): void;
  /** Quit now. */
  kill(): void;
  /** Resolves once the worker is gone. */
  readonly exited: Promise<void>;
}
