import { tableErrorMessage } from '../inventory/describe-tables';
import { mergePieces } from './merge-pieces';
import type { TableReport } from './model';
import type { PieceResult } from './piece-result';
import { scannedTableReport } from './table-report';

/**
 * The report of a scanned table from its pieces' results (in key order, as resultsByTable
 * gives them), merged exactly as one process would have: counts added, first messages and
 * samples in key order. A table some of whose pieces are missing or stopped early is
 * cancelled when the run was; a piece that failed makes the table an error.
 */
export function assembleTable(
  table: { entity: string; table: string },
  pieces: PieceResult[],
  maxSamples: number,
  cancelled: boolean,
): TableReport {
  const expected = pieces[0]?.parts ?? 1;
  const merged = mergePieces(pieces.flatMap((p) => (p.report ? [p.report] : [])), maxSamples);
  const failure = pieces.find((p) => p.error);
  const error = failure ? tableErrorMessage(table.entity, table.table, failure.error) : null;
  const incomplete = pieces.length < expected || pieces.some((p) => !p.complete);
  return scannedTableReport(table, merged, { error, cancelled: cancelled && incomplete });
}
