import type { PieceReport, UnscannedRange } from './model';

/** What became of one piece of a table (a whole table, or one key range of it), whoever scanned it. */
export interface PieceResult {
  table: string;
  /** 0-based position of the piece in its table's key order, and how many pieces the table has. */
  part: number;
  parts: number;
  /** The piece's primary-key range (rows > after, <= through; null: no bound); unknown in merged shard reports. */
  range?: UnscannedRange;
  /** What the scan found; absent when the piece could not be scanned at all. */
  report?: PieceReport;
  /** False when the scan stopped early (a cancelled run) or never ran. */
  complete: boolean;
  /** Why the piece could not be scanned. */
  error?: string;
}

/** The results of each table, in key order (by part). */
export function resultsByTable(results: Iterable<PieceResult>): Map<string, PieceResult[]> {
  const byTable = new Map<string, PieceResult[]>();
  for (const result of results) {
    const list = byTable.get(result.table) ?? [];
    list.push(result);
    byTable.set(result.table, list);
  }
  for (const list of byTable.values()) list.sort((a, b) => a.part - b.part);
  return byTable;
}
