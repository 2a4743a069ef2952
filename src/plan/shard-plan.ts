import * as crypto from 'node:crypto';
import { compareText } from '../compare-text';
import type { DataSource } from '../datasource/typeorm-types';
import type { TableDescription } from '../inventory/table-description';
import { jsonSafe } from '../report/json-safe';
import { buildPlan, type Plan } from './build-pieces';
import { assignShards, type ShardSpec } from './shard';

/**
 * Pieces are cut as if every machine ran this many workers, so that the plan depends on
 * the database and the shard count only, never on the machine's CPU count or --procs.
 */
const WORKERS_PER_SHARD = 4;

export interface ShardPlan {
  /** This shard's pieces, largest first: its workers share them as in any run. */
  plan: Plan;
  /** The tables this shard reports: those it has pieces of, plus (shard 1 only) the tables not scanned at all. */
  tables: TableDescription[];
  /** The same tables with, as rows, the estimated rows of this shard's pieces only (for progress). */
  shareOfTables: TableDescription[];
  /** Tables this shard reports whole: all their pieces are here, or they are not scanned at all. */
  wholeTables: Set<string>;
  /** Digest of the tables, their sizes and the assignment of every piece (see planDigest). */
  digest: (settings: unknown) => string;
}

export async function buildShardPlan(
  dataSource: DataSource,
  tables: TableDescription[],
  shard: ShardSpec,
  pieceRows?: number,
): Promise<ShardPlan> {
  const all = await buildPlan(dataSource, tables, shard.count * WORKERS_PER_SHARD, 'dynamic', pieceRows);
  const shardOf = assignShards(all.pieces, shard.count);
  const mine = all.pieces.filter((piece) => shardOf.get(piece.id) === shard.index - 1);
  const mineByTable = new Map<string, number>();
  for (const piece of mine) mineByTable.set(piece.table, (mineByTable.get(piece.table) ?? 0) + 1);
  const scanned = (table: TableDescription) => table.validated && !table.error;
  const reported = tables.filter((table) => (scanned(table) ? mineByTable.has(table.table) : shard.index === 1));
  const share = (table: TableDescription) => mine.filter((p) => p.table === table.table).reduce((n, p) => n + p.estimatedRows, 0);
  return {
    plan: { pieces: mine },
    tables: reported,
    shareOfTables: reported.map((table) => (scanned(table) ? { ...table, rows: share(table) } : table)),
    wholeTables: new Set([
      ...tables.filter((table) => !scanned(table)).map((table) => table.table),
      ...mine.filter((piece) => mineByTable.get(piece.table) === piece.parts).map((piece) => piece.table),
    ]),
    digest: (settings) => planDigest(tables, all, shardOf, shard.count, settings),
  };
}

/**
 * What every shard of one set must agree on: the tables and their sizes (the same database
 * contents), every piece with its key range and shard, and the settings that shape results.
 */
function planDigest(tables: TableDescription[], plan: Plan, shardOf: Map<number, number>, count: number, settings: unknown): string {
  const facts = {
    count,
    tables: [...tables]
      .sort((a, b) => compareText(a.table, b.table))
      .map((t) => [t.entity, t.table, t.rows, t.validated, t.error !== null]),
    pieces: [...plan.pieces].sort((a, b) => compareText(a.table, b.table) || a.part - b.part).map((p) => [p.table, p.part, p.parts, jsonSafe(p.range), shardOf.get(p.id)]),
    settings,
  };
  return crypto.createHash('sha256').update(JSON.stringify(facts)).digest('hex').slice(0, 16);
}
