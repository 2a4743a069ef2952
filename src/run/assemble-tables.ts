import type { TableDescription } from '../inventory/table-description';
import { tableErrorMessage } from '../inventory/describe-tables';
import { mergePieces } from '../report/merge-pieces';
import type { TableReport } from '../report/model';
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
    return scannedTableReport(table, merged, { error, cancelled: cancelled && incomplete });
  });
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
