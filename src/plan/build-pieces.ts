import { compareText } from '../compare-text';
import type { DataSource } from '../datasource/typeorm-types';
import { findTableMetadata } from '../inventory/entity-tables';
import type { TableDescription } from '../inventory/table-description';
import { findKeyBoundaries } from './key-boundaries';
import type { Piece, Strategy } from './piece';
import { dealBuckets, partsPerTable } from './split-tables';

export interface Plan {
  pieces: Piece[];
  /** With --strategy buckets: the worker slot (0-based) each piece belongs to. */
  bucketOf?: Map<number, number>;
}

/** The scannable tables as pieces, largest first, with key boundaries read from the database. */
export async function buildPlan(
  dataSource: DataSource,
  tables: TableDescription[],
  workers: number,
  strategy: Strategy,
  pieceRows?: number,
): Promise<Plan> {
  const scannable = tables.filter((table) => table.validated && !table.error);
  const parts = partsPerTable(scannable, workers, strategy, pieceRows);
  const pieces: Piece[] = [];
  for (const table of scannable) {
    const wanted = parts.get(table.table) ?? 1;
    const boundaries = wanted > 1
      ? await findKeyBoundaries(dataSource, findTableMetadata(dataSource, table.table), table.rows, wanted)
      : [];
    const count = boundaries.length + 1;
    for (let part = 0; part < count; part++) {
      pieces.push({
        id: pieces.length,
        table: table.table,
        part,
        parts: count,
        range: { after: part === 0 ? null : boundaries[part - 1], through: part === count - 1 ? null : boundaries[part] },
        estimatedRows: Math.round(table.rows / count),
        ...(count === 1 && table.rowsCounted ? { countedRows: table.rows } : {}),
      });
    }
  }
  const ordered = orderLargestFirst(pieces);
  if (strategy !== 'buckets') return { pieces: ordered };
  const bucketOfTable = dealBuckets(scannable, workers);
  return { pieces: ordered, bucketOf: new Map(ordered.map((piece) => [piece.id, bucketOfTable.get(piece.table)!])) };
}

export function orderLargestFirst(pieces: Piece[]): Piece[] {
  return [...pieces].sort((a, b) => b.estimatedRows - a.estimatedRows || compareText(a.table, b.table) || a.part - b.part);
}
