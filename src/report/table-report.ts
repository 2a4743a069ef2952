import type { TableDescription } from '../inventory/table-description';
import { sortViolations } from './merge-pieces';
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
  table: TableDescription,
  merged: PieceReport,
  outcome: { error?: string | null; cancelled?: boolean } = {},
): TableReport {
  const status = outcome.error ? 'error' : outcome.cancelled ? 'cancelled' : merged.invalidRows > 0 ? 'failed' : 'passed';
  return {
    entity: table.entity,
    table: table.table,
    rows: merged.rows,
    invalidRows: merged.invalidRows,
    status,
    durationMs: merged.durationMs,
    violations: sortViolations([...merged.violations]),
    samples: merged.samples,
    error: outcome.error ?? null,
  };
}
