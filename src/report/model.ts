export const REPORT_VERSION = 1;

export type RunStatus = 'passed' | 'failed' | 'error' | 'cancelled';
export type TableStatus = 'passed' | 'failed' | 'error' | 'no-validators' | 'cancelled';

/** Primary key of a row: property name -> database value (JSON-safe). */
export type RowKey = Record<string, unknown>;

export interface ViolationCount {
  property: string;
  constraint: string;
  count: number;
  /** The message of the first row that failed this way. */
  message: string;
}

export interface SampleError {
  property: string;
  constraint: string;
  message: string;
  value?: unknown;
}

export interface Sample {
  key: RowKey;
  errors: SampleError[];
}

/** What scanning one piece (a whole table or a key range of it) found. */
export interface PieceReport {
  rows: number;
  invalidRows: number;
  violations: ViolationCount[];
  samples: Sample[];
  durationMs: number;
}

export interface TableReport {
  entity: string;
  table: string;
  rows: number;
  invalidRows: number;
  status: TableStatus;
  durationMs: number;
  violations: ViolationCount[];
  samples: Sample[];
  error: string | null;
}

export interface RunSummary {
  tables: number;
  rows: number;
  invalidRows: number;
  failedTables: number;
  erroredTables: number;
  durationMs: number;
  rowsPerSecond: number;
  procs: number;
}

export interface RunReport {
  version: number;
  status: RunStatus;
  summary: RunSummary;
  tables: TableReport[];
}
