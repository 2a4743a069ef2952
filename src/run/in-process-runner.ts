import type { TableDescription } from '../inventory/table-description';
import { tableErrorMessage } from '../inventory/describe-tables';
import { mergePieces } from '../report/merge-pieces';
import type { TableReport } from '../report/model';
import { scannedTableReport, unscannedTableReport } from '../report/table-report';
import { WHOLE_TABLE } from '../scan/key-range';
import type { ScanSession } from '../scan/scan-session';
import type { Cancellation, RunObserver } from './run-observer';

/** --procs 1: every table scanned whole, one after the other, in this process. */
export async function runInProcess(
  session: ScanSession,
  tables: TableDescription[],
  maxSamples: number,
  cancellation: Cancellation,
  observer: RunObserver = {},
): Promise<TableReport[]> {
  const reports: TableReport[] = [];
  for (const table of tables) {
    let report: TableReport;
    if (table.error || !table.validated) {
      report = unscannedTableReport(table);
    } else if (cancellation.cancelled) {
      report = scannedTableReport(table, mergePieces([], maxSamples), { cancelled: true });
    } else {
      observer.pieceStarted?.(0, table.table);
      try {
        const piece = await session.scanner(table.table).scan(WHOLE_TABLE, {
          onRows: (rows) => observer.rowsDone?.(0, rows),
          isCancelled: () => cancellation.cancelled,
        });
        report = scannedTableReport(table, mergePieces([piece], maxSamples), { cancelled: cancellation.cancelled });
      } catch (error) {
        report = scannedTableReport(table, mergePieces([], maxSamples), {
          error: tableErrorMessage(table.entity, table.table, error),
        });
      }
    }
    observer.tableDone?.(report);
    reports.push(report);
  }
  return reports;
}
