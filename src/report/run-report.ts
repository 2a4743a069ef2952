import { REPORT_VERSION, type RunReport, type RunStatus, type TableReport } from './model';

export function buildRunReport(
  tables: TableReport[],
  run: { durationMs: number; procs: number; cancelled: boolean },
): RunReport {
  const rows = sum(tables, (t) => t.rows);
  const scannedRows = sum(tables.filter((t) => t.status !== 'no-validators'), (t) => t.rows);
  const summary = {
    tables: tables.length,
    rows,
    invalidRows: sum(tables, (t) => t.invalidRows),
    failedTables: tables.filter((t) => t.invalidRows > 0).length,
    erroredTables: tables.filter((t) => t.status === 'error').length,
    durationMs: run.durationMs,
    rowsPerSecond: run.durationMs > 0 ? Math.round((scannedRows * 1000) / run.durationMs) : 0,
    procs: run.procs,
  };
  return { version: REPORT_VERSION, status: runStatus(summary, run.cancelled), summary, tables };
}

function runStatus(summary: { invalidRows: number; erroredTables: number }, cancelled: boolean): RunStatus {
  if (cancelled) return 'cancelled';
  if (summary.erroredTables > 0) return 'error';
  return summary.invalidRows > 0 ? 'failed' : 'passed';
}

function sum<T>(items: T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}

export const EXIT_CODES: Record<RunStatus, number> = { passed: 0, failed: 1, error: 2, cancelled: 130 };
