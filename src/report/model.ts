import type { FallbackClass } from '../validation/plan/plan-registry';

export type { FallbackClass };

/** Whether a class's rows were prefiltered in SQL (pushdown), and if not, why its table was read whole. */
export interface PushdownClass {
  className: string;
  pushed: boolean;
  reason?: string;
}
export const REPORT_VERSION = 1;

export type RunStatus = 'passed' | 'failed' | 'error' | 'cancelled';
/** `warned`: invalid rows within the table's error threshold but over its warn threshold. */
export type TableStatus = 'passed' | 'warned' | 'failed' | 'error' | 'no-validators' | 'cancelled';

/** Primary key of a row: property name -> database value (JSON-safe). */
export type RowKey = Record<string, unknown>;

export interface ViolationCount {
  property: string;
  constraint: string;
  count: number;
  /** The message of the first row that failed this way. */
  message: string;
  /**
   * Set when its rows failed with more than one message: the different messages, the first
   * one first, at most MAX_VIOLATION_MESSAGES of them (a full list means "at least that many").
   */
  messages?: string[];
}

export const MAX_VIOLATION_MESSAGES = 10;

/** Adds a violation's messages to another's list of different messages (kept in `into.messages`). */
export function addMessages(into: ViolationCount, messages: string[]): void {
  for (const message of messages) {
    const known = into.messages ?? [into.message];
    if (known.length >= MAX_VIOLATION_MESSAGES || known.includes(message)) continue;
    into.messages = [...known, message];
  }
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

/** One invalid row as a baseline records it: its key and its failing "property:constraint" pairs, sorted. */
export interface RowFailures {
  key: RowKey;
  failures: string[];
}

/** What comparing rows with a baseline found; counts add up across pieces and shards. */
export interface BaselineCounts {
  /** Rows not in the baseline, or failing a constraint their baseline entry does not list. */
  newInvalidRows: number;
  /** Invalid rows whose key the baseline lists (whether or not they fail in a new way too). */
  knownInvalidRows: number;
  /** The new failures only, counted per property and constraint. */
  newViolations: ViolationCount[];
  /** The first new invalid rows, in key order, with their new failures only. */
  newSamples: Sample[];
}

/** What scanning one piece (a whole table or a key range of it) found. */
export interface PieceReport extends Partial<BaselineCounts> {
  rows: number;
  invalidRows: number;
  violations: ViolationCount[];
  samples: Sample[];
  durationMs: number;
  /** When a baseline is in use: every invalid row, in key order, in a file of the run's spill folder (see FailingRowsWriter). */
  failingRowsFile?: string;
  /** Classes the worker validated through class-validator's validate() instead of a compiled plan. */
  fallbackClasses?: FallbackClass[];
  /** Rows read into the process and validated there (with pushdown, only the prefilter's candidates). */
  rowsHydrated?: number;
  /** The table's classes and whether each was prefiltered in SQL. */
  pushdown?: PushdownClass[];
  /** When the scan began (ms since the epoch): a table's time is the span of its pieces, which may overlap. */
  startedAt?: number;
  /** Set when a stop cut the piece short: the key of its last row scanned (null: none was). */
  stoppedAfter?: unknown[] | null;
}

/** Invalid-row thresholds of a table (from the config file), as conditions such as "> 100" or ">= 2%". */
export interface Thresholds {
  errorIf: string | null;
  warnIf: string | null;
}

/** One piece of a table as a --shard report carries it, so that shard reports can be merged exactly. */
export interface PartReport {
  part: number;
  of: number;
  complete: boolean;
  /** Why the piece could not be scanned, as the worker said it. */
  error: string | null;
  report: PieceReport | null;
}

export interface TableReport extends Partial<BaselineCounts> {
  entity: string;
  table: string;
  rows: number;
  /** Rows read into the process and validated there: all of them with --no-pushdown, the prefilter's candidates otherwise (always set in reports). */
  rowsHydrated?: number;
  invalidRows: number;
  status: TableStatus;
  durationMs: number;
  violations: ViolationCount[];
  samples: Sample[];
  error: string | null;
  /** With a baseline: the baseline's rows of this entity, and how many of them are no longer invalid (null when the table was not scanned whole). */
  baselineRows?: number;
  fixedRows?: number | null;
  /** Present when the config file gives this table thresholds or a severity. */
  thresholds?: Thresholds;
  /** With --shard: the pieces of this table scanned by this shard. */
  parts?: PartReport[];
  /** When a stop cut the table short: the primary-key ranges not read. */
  unscannedRanges?: UnscannedRange[];
}

/** Rows whose primary key (values in key order) is > `after` and <= `through`; null: no bound. */
export interface UnscannedRange {
  after: unknown[] | null;
  through: unknown[] | null;
}

export interface RunSummary {
  tables: number;
  rows: number;
  /** Rows read into the processes and validated there (see TableReport.rowsHydrated). */
  rowsHydrated: number;
  invalidRows: number;
  failedTables: number;
  warnedTables: number;
  erroredTables: number;
  durationMs: number;
  rowsPerSecond: number;
  /** Worker processes that scanned (1: the run's own process), the most --procs allowed, and why that many. */
  procs: number;
  procsRequested: number;
  procsReason: string;
  /** With a baseline. */
  newInvalidRows?: number;
  knownInvalidRows?: number;
  fixedRows?: number;
  baselineRows?: number;
}

/** What a --shard report needs so that merge-reports can check and combine the set. */
export interface ShardInfo {
  /** 1-based. */
  index: number;
  count: number;
  /** Digest of the database's tables and sizes, the plan and the settings that shape results: equal in every shard of one set. */
  plan: string;
  /** Every table of the run, in report order (a shard reports only those it scanned). */
  tables: string[];
  maxSamples: number;
}

export interface RunReport {
  version: number;
  status: RunStatus;
  summary: RunSummary;
  /** With --baseline: the file compared with. */
  baseline?: { file: string };
  shard?: ShardInfo;
  /** How rows were validated: classes that ran on class-validator itself rather than a compiled plan. */
  validation: { fallbackClasses: FallbackClass[]; pushdown: PushdownClass[] };
  tables: TableReport[];
}
