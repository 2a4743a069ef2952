/**
 * The messages between the manager and its forked workers, shared by both sides.
 * Tuples whose first element names the message; one message per piece (plus throttled
 * progress), never one per row.
 */
import type { SessionSettings } from '../scan/scan-session';
import type { PieceReport } from '../report/model';
import type { KeyRange } from '../scan/key-range';

export const PARENT_INIT = 0;
export const PARENT_BEGIN = 1;
export const PARENT_SCAN = 2;
export const PARENT_STOP = 3;

export const CHILD_READY = 0;
export const CHILD_PROGRESS = 1;
export const CHILD_DONE = 2;
export const CHILD_FAILED = 3;
export const CHILD_FATAL = 4;

export interface WorkerSetup {
  /** 1-based, as shown in titles and progress. */
  workerNumber: number;
  dataSource: string;
  /** Loaded before the data source module, see env-files.ts. */
  envFiles: string[];
  settings: SessionSettings;
}

/**
 * A worker starts in two steps: INIT, sent when it is forked, loads the data source module
 * (the slow part, done while the manager plans); BEGIN connects and opens the read session,
 * once the manager knows the snapshot: on PostgreSQL the one it exported, which every
 * worker adopts; null elsewhere. The worker answers READY, or FATAL.
 */
export type ParentMessage =
  | [type: typeof PARENT_INIT, setup: WorkerSetup]
  | [type: typeof PARENT_BEGIN, snapshot: string | null]
  | [type: typeof PARENT_SCAN, pieceId: number, table: string, range: KeyRange, label: string, countedRows: number | null]
  | [type: typeof PARENT_STOP];

export type ChildMessage =
  | [type: typeof CHILD_READY]
  | [type: typeof CHILD_PROGRESS, pieceId: number, rows: number]
  | [type: typeof CHILD_DONE, pieceId: number, report: PieceReport, complete: boolean]
  | [type: typeof CHILD_FAILED, pieceId: number, message: string]
  | [type: typeof CHILD_FATAL, message: string];
