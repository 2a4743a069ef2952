import { REPORT_VERSION, type FallbackClass, type RunReport, type RunStatus, type RunSummary, type ShardInfo, type TableReport } from './model';
import { compareText } from '../compare-text';

/** How many worker processes ran, how many were allowed, and why (the pool's decision). */
export interface PoolFacts {
  procs: number;
  requested: number;
  reason: string;
}

export interface RunFacts {
  durationMs: number;
  pool: PoolFacts;
  cancelled: boolean;
  /** The baseline file compared with, if any. */
  baseline?: string;
  shard?: ShardInfo;
  fallbackClasses?: FallbackClass[];
}

export function buildRunReport(tables: TableReport[], run: RunFacts): RunReport {
  const rows = sum(tables, (t) => t.rows);
  const summary: RunSummary = {
    tables: tables.length,
    rows,
    invalidRows: sum(tables, (t) => t.invalidRows),
    failedTables: tables.filter((t) => t.status === 'failed').length,
    warnedTables: tables.filter((t) => t.status === 'warned').length,
    erroredTables: tables.filter((t) => t.status === 'error').length,
    durationMs: run.durationMs,
    // Every row the summary counts, as the text header states them.
    rowsPerSecond: run.durationMs > 0 ? Math.round((rows * 1000) / run.durationMs) : 0,
    procs: run.pool.procs,
    procsRequested: run.pool.requested,
    procsReason: run.pool.reason,
  };
  if (run.baseline !== undefined) {
    summary.newInvalidRows = sum(tables, (t) => t.newInvalidRows ?? 0);
    summary.knownInvalidRows = sum(tables, (t) => t.knownInvalidRows ?? 0);
    summary.fixedRows = sum(tables, (t) => t.fixedRows ?? 0);
    summary.baselineRows = sum(tables, (t) => t.baselineRows ?? 0);
  }
  return {
    version: REPORT_VERSION,
    status: runStatus(summary, run.cancelled),
    summary,
    ...(run.baseline !== undefined ? { baseline: { file: run.baseline } } : {}),
    ...(run.shard ? { shard: run.shard } : {}),
    validation: { fallbackClasses: uniqueFallbacks(run.fallbackClasses ?? []) },
    tables,
  };
}

function runStatus(summary: RunSummary, cancelled: boolean): RunStatus {
  if (cancelled) return 'cancelled';
  if (summary.erroredTables > 0) return 'error';
  return summary.failedTables > 0 ? 'failed' : 'passed';
}

function sum<T>(items: T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}

export const EXIT_CODES: Record<RunStatus, number> = { passed: 0, failed: 1, error: 2, cancelled: 130 };

/** Each class once, in name order, whichever worker met it. */
export function uniqueFallbacks(classes: FallbackClass[]): FallbackClass[] {
  const byName = new Map(classes.map((c) => [c.className, c]));
  return [...byName.values()].sort((a, b) => compareText(a.className, b.className));
}
