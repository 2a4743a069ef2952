import type { TableDescription } from '../inventory/table-description';

/** What a run tells the screen while it works (progress bars, plain lines, or nothing). */
export interface RunObserver {
  planned?(tables: TableDescription[], procs: number): void;
  /** `worker` is the 1-based slot of the pool (1 alone when the run scans in its own process). */
  pieceStarted?(worker: number, label: string, estimatedRows: number): void;
  /** Negative when a crashed worker's rows are taken back (its piece is redone). */
  rowsDone?(worker: number, rows: number): void;
  finished?(): void;
}
