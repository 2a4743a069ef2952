import type { KeyRange } from '../scan/key-range';

/** A unit of work: one table, or one primary-key range of a big table. */
export interface Piece {
  id: number;
  table: string;
  /** 0-based position of this range within its table, and how many ranges the table has. */
  part: number;
  parts: number;
  range: KeyRange;
  /** Rows the plan expects in this piece (an estimate: the table's size split evenly). */
  estimatedRows: number;
  /** The piece is its whole table and the table's exact row count is known (TableDescription.rowsCounted). */
  countedRows?: number;
}

export type Strategy = 'dynamic' | 'buckets';
export const STRATEGIES: Strategy[] = ['dynamic', 'buckets'];

export function pieceLabel(piece: Piece): string {
  if (piece.parts === 1) return piece.table;
  const bound = (key: unknown[] | null, open: string) => (key === null ? open : key.map((v) => String(v)).join('/'));
  return `${piece.table} ${bound(piece.range.after, 'start')}..${bound(piece.range.through, 'end')}`;
}
