import type { TableDescription } from '../inventory/table-description';
import { tableErrorMessage } from '../inventory/describe-tables';
import { mergePieces } from '../report/merge-pieces';
import { jsonSafe } from '../report/json-safe';
import type { TableReport, UnscannedRange } from '../report/model';
import { scannedTableReport, unscannedTableReport } from '../report/table-report';
import type { PieceResult } from './manager';

/** Table reports from piece results: pieces merged in key order, whatever ran them. */
export function assembleTables(
  tables: TableDescription[],
  results: Map<number, PieceResult>,
  maxSamples: number,
  cancelled: boolean,
): TableReport[] {
  const byTable = resultsByTable(results);
  return tables.map((table) => {
    if (table.error || !table.validated) return unscannedTableReport(table);
    const pieces = byTable.get(table.table) ?? [];
    const expected = pieces[0]?.piece.parts ?? 1;
    const merged = mergePieces(pieces.flatMap((p) => (p.report ? [p.report] : [])), maxSamples);
    const failure = pieces.find((p) => p.error);
    const error = failure ? tableErrorMessage(table.entity, table.table, failure.error) : null;
    const incomplete = pieces.length < expected || pieces.some((p) => !p.complete);
    const report = scannedTableReport(table, merged, { error, cancelled: cancelled && incomplete });
    return cancelled && incomplete ? { ...report, unscannedRanges: unscannedRanges(pieces) } : report;
  });
}

/** The key ranges a stop left unread: the rest of each piece cut short, and pieces never run. */
function unscannedRanges(pieces: PieceResult[]): UnscannedRange[] {
  return pieces.filter((p) => !p.complete).map(({ piece, report }) => ({
    after: jsonSafe(report && report.stoppedAfter !== undefined ? report.stoppedAfter : piece.range.after) as unknown[] | null,
    through: jsonSafe(piece.range.through) as unknown[] | null,
  }));
}

/** The results of each table, in key order (by part). */
export function resultsByTable(results: Map<number, PieceResult>): Map<string, PieceResult[]> {
  const byTable = new Map<string, PieceResult[]>();
  for (const result of results.values()) {
    const list = byTable.get(result.piece.table) ?? [];
    list.push(result);
    byTable.set(result.piece.table, list);
  }
  for (const list of byTable.values()) list.sort((a, b) => a.piece.part - b.piece.part);
  return byTable;
}
