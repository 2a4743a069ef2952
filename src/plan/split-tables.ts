import type { Strategy } from './piece';
import { compareText } from '../compare-text';

export interface SizedTable {
  table: string;
  rows: number;
  /** With pushdown: only the rows a SQL prefilter cannot prove valid are read into the process. */
  prefiltered?: boolean;
}

/** Pieces per worker the dynamic plan aims for: enough that the last ones are small. */
const PIECES_PER_WORKER = 4;
/** Below this a key range is not worth a query of its own. */
export const MIN_PIECE_ROWS = 20_000;

/**
 * How many key ranges each table is cut into. Dynamic: any table bigger than a piece of
 * (total / (workers * 4)) rows is cut so that idle workers can share it, and the largest
 * piece no longer bounds the run. Buckets (the original tool): never cut.
 */
export function partsPerTable(
  tables: SizedTable[],
  workers: number,
  strategy: Strategy,
  pieceRows = autoPieceRows(tables, workers),
): Map<string, number> {
  const parts = new Map<string, number>();
  for (const table of tables) {
    const cut = strategy === 'dynamic' && workers > 1 ? Math.ceil(table.rows / pieceRows) : 1;
    parts.set(table.table, Math.max(1, cut));
  }
  return parts;
}

export function autoPieceRows(tables: SizedTable[], workers: number): number {
  const total = tables.reduce((sum, t) => sum + t.rows, 0);
  return Math.max(MIN_PIECE_ROWS, Math.ceil(total / (workers * PIECES_PER_WORKER)));
}

/**
 * The original valid_data dealing: tables sorted smallest first, dealt round-robin, each
 * worker then works through its own bucket. Returns the worker (0-based) of each table.
 */
export function dealBuckets(tables: SizedTable[], workers: number): Map<string, number> {
  const sorted = [...tables].sort((a, b) => a.rows - b.rows || compareText(a.table, b.table));
  return new Map(sorted.map((table, index) => [table.table, index % workers]));
}
