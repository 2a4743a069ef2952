import type { TableDescription } from '../inventory/table-description';
import type { PieceReport, TableReport } from './model';

/** The report of a table that was not scanned: it could not be read, or has nothing to validate. */
export function unscannedTableReport(table: TableDescription): TableReport {
  return {
    entity: table.entity,
    table: table.table,
    rows: table.error ? 0 : table.rows,
    invalidRows: 0,
    status: table.error ? 'error' : 'no-validators',
    durationMs: 0,
    violations: [],
    samples: [],
    error: table.error,
  };
}

export function scannedTableReport(
  table: { entity: string; table: string },
  merged: PieceReport,
  outcome: { error?: string | null; cancelled?: boolean } = {},
): TableReport {
  // The gate (src/report/gate-table.ts) refines failed/passed with the baseline and thresholds.
  const status = outcome.error ? 'error' : outcome.cancelled ? 'cancelled' : merged.invalidRows > 0 ? 'failed' : 'passed';
  return {
    entity: table.entity,
    table: table.table,
    rows: merged.rows,
    invalidRows: merged.invalidRows,
    status,
    durationMs: merged.durationMs,
    violations: merged.violations,
    samples: merged.samples,
    error: outcome.error ?? null,
    ...(merged.newViolations ? {
      newInvalidRows: merged.newInvalidRows,
      knownInvalidRows: merged.knownInvalidRows,
      newViolations: merged.newViolations,
      newSamples: merged.newSamples,
    } : {}),
  };
}
