import { dealBuckets, partsPerTable } from '../src/plan/split-tables';
import type { Strategy } from '../src/plan/piece';

export interface TableCost {
  table: string;
  rows: number;
  /** Time one process spent on the whole table (from the --procs 1 run). */
  ms: number;
}

export interface Overheads {
  /** Manager start, inventory and planning: paid once. */
  managerMs: number;
  /** A forked worker's start (Node, TypeORM, the data source): paid once per worker, in parallel. */
  workerMs: number;
}

/**
 * The wall time a strategy would take with `workers` processes, each on a core of its own,
 * planned by the tool's real planner: dynamic = tables cut into key ranges, pieces pulled
 * largest first by whichever worker is idle (greedy list scheduling); buckets = whole
 * tables dealt round-robin smallest first, each worker running its bucket.
 */
export function simulateWallMs(tables: TableCost[], workers: number, strategy: Strategy, overheads: Overheads): number {
  const startup = overheads.managerMs + (workers > 1 ? overheads.workerMs : 0);
  if (strategy === 'buckets') {
    const bucketOf = dealBuckets(tables, workers);
    const load = new Array(workers).fill(0);
    for (const table of tables) load[bucketOf.get(table.table)!] += table.ms;
    return startup + Math.max(...load);
  }
  const parts = partsPerTable(tables, workers, 'dynamic');
  const pieces = tables
    .flatMap((table) => Array.from({ length: parts.get(table.table)! }, () => table.ms / parts.get(table.table)!))
    .sort((a, b) => b - a);
  const freeAt = new Array(workers).fill(0);
  for (const cost of pieces) {
    const next = freeAt.indexOf(Math.min(...freeAt));
    freeAt[next] += cost;
  }
  return startup + Math.max(...freeAt);
}
