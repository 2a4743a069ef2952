import { tableErrorMessage } from '../inventory/describe-tables';
import { mergePieces } from './merge-pieces';
import { jsonSafe } from './json-safe';
import type { TableReport, UnscannedRange } from './model';
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
  const report = scannedTableReport(table, { ...merged, durationMs: wallTime(pieces) ?? merged.durationMs }, { error, cancelled: cancelled && incomplete });
  return cancelled && incomplete ? { ...report, unscannedRanges: unscannedRanges(pieces) } : report;
}

/** The key ranges a stop left unread: the rest of each piece cut short, and pieces never run. */
function unscannedRanges(pieces: PieceResult[]): UnscannedRange[] {
  return pieces.filter((p) => !p.complete).map(({ range, report }) => ({
    after: jsonSafe(report && report.stoppedAfter !== undefined ? report.stoppedAfter : range?.after ?? null) as unknown[] | null,
    through: jsonSafe(range?.through ?? null) as unknown[] | null,
  }));
}

/**
 * A table's time: from the start of its first piece to the end of its last. Pieces run in
 * parallel overlap, so the sum of their times could exceed the run's.
 */
function wallTime(pieces: PieceResult[]): number | undefined {
  const reports = pieces.flatMap((p) => (p.report ? [p.report] : []));
  if (reports.length === 0 || reports.some((r) => r.startedAt === undefined)) return undefined;
  const start = Math.min(...reports.map((r) => r.startedAt!));
  const end = Math.max(...reports.map((r) => r.startedAt! + r.durationMs));
  return end - start;
}
