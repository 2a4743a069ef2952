import { partsPerTable, type SizedTable } from '../plan/split-tables';
import { number, plural } from '../report/wording';

/**
 * How many workers a run uses: --procs is a maximum (as Jest's and Vitest's maxWorkers
 * are), and forking is chosen only where the model below says it pays, as Jest runs small
 * suites in band and PostgreSQL weighs parallel_setup_cost against the rows to scan.
 *
 * The model: one process scans the planned rows at `rowsPerSecond`, or at
 * `prefilteredRowsPerSecond` for a table whose rows are prefiltered in SQL (pushdown: the
 * database tests every row, few are read into the process), with no start cost (the
 * manager has already loaded the data source). N forked workers each pay a fork plus this
 * run's own measured load of the data source module, loaded N at a time on as many CPUs,
 * then share the rows, cut into pieces as the plan cuts them; the largest piece bounds the scan.
 * SQLite, and a server on this machine, are CPU-bound here: more busy workers than CPUs gain
 * nothing, and prefiltered rows on such a server gain nothing from more workers at all. A
 * remote server's reads wait on the network and the server, so up to REMOTE_OVERLAP workers
 * per CPU may overlap. Forking must save at least
 * MIN_GAIN of the one-process time, and of two sizes within TIE of each other the smaller wins.
 */
export interface PoolSizeInput {
  /** --procs: the most workers the user allows. */
  requested: number;
  /** --exact-procs: use exactly `requested` workers, forked (unless 1), whatever the model says. */
  exact: boolean;
  cpus: number;
  /** The database is a server (PostgreSQL, MySQL/MariaDB) rather than a file read in-process. */
  server: boolean;
  /** The server is on another machine: reads wait on the network, not on our CPUs. */
  remote: boolean;
  /** The tables to scan and their planned rows. */
  tables: SizedTable[];
  /** Big tables are cut into key ranges (--strategy dynamic); else the largest table bounds the scan. */
  splits: boolean;
  /** What loading the data source module took in this run (the manager's own load). */
  loadMs: number;
  /** Rows one process reads, hydrates and validates per second; estimated per database family. */
  rowsPerSecond: number;
  /** Rows per second of a table prefiltered in SQL (SizedTable.prefiltered). */
  prefilteredRowsPerSecond: number;
}

export interface PoolSize {
  /** Workers that scan: 1 means this process scans, without forking. */
  procs: number;
  forked: boolean;
  requested: number;
  /** One sentence, for the report: why this many. */
  reason: string;
}

/** What forking one Node.js process costs before it runs any of our code (measured: ~0.25 s). */
export const FORK_MS = 250;
/** Forking must save this share of the one-process time. */
export const MIN_GAIN = 0.1;
const TIE = 0.05;
const REMOTE_OVERLAP = 2;

function totalRows(tables: SizedTable[]): number {
  return tables.reduce((sum, table) => sum + table.rows, 0);
}

export function decidePoolSize(input: PoolSizeInput): PoolSize {
  const { requested } = input;
  if (requested <= 1) return { procs: 1, forked: false, requested, reason: '--procs 1 asks for one process' };
  if (input.exact) return { procs: requested, forked: true, requested, reason: `--exact-procs asks for exactly ${requested} forked workers` };
  const rows = totalRows(input.tables);
  const alone = estimateMs(input, 1);
  let best = 1;
  let bestMs = alone;
  for (let n = 2; n <= Math.min(requested, pieceCount(input, requested)); n++) {
    const ms = estimateMs(input, n);
    if (ms < bestMs * (1 - TIE)) {
      best = n;
      bestMs = ms;
    }
  }
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const work = `${plural(rows, 'row')}, ${describeRates(input)}, ${seconds(input.loadMs)} to load the data source`;
  if (best === 1 || bestMs > alone * (1 - MIN_GAIN)) {
    return { procs: 1, forked: false, requested, reason: `forking would not pay off (${work})` };
  }
  const limit = best === requested ? '' : `; more would not pay off${input.remote ? '' : ` (a database on this machine: at most one busy worker per CPU, ${input.cpus})`}`;
  return {
    procs: best,
    forked: true,
    requested,
    reason: `${best} forked workers take about ${seconds(bestMs)} against ${seconds(alone)} in one process (${work})${limit}`,
  };
}

/** Each table's pieces as the plan would cut them for `workers` (src/plan/split-tables.ts). */
function plannedParts(input: PoolSizeInput, workers: number): Map<string, number> {
  return partsPerTable(input.tables, workers, input.splits ? 'dynamic' : 'buckets');
}

/** How many pieces the plan would cut for `workers`: more workers than pieces would idle. */
function pieceCount(input: PoolSizeInput, workers: number): number {
  return [...plannedParts(input, workers).values()].reduce((sum, parts) => sum + parts, 0);
}

/** The model's run time with `workers` scanning (1: this process, no start cost). */
export function estimateMs(input: PoolSizeInput, workers: number): number {
  const scanMs = input.tables.reduce((sum, table) => sum + tableMs(input, table), 0);
  if (workers === 1) return scanMs;
  const start = FORK_MS + input.loadMs * Math.ceil(workers / input.cpus);
  const parallel = Math.min(workers, input.remote ? input.cpus * REMOTE_OVERLAP : input.cpus);
  const parts = plannedParts(input, workers);
  const largestPiece = Math.max(0, ...input.tables.map((table) => tableMs(input, table) / parts.get(table.table)!));
  // Prefiltered rows on a server of this machine are the server's work, on the same CPUs:
  // measured on PostgreSQL with the blog at 4.9M rows, two workers took as long as one.
  const unshared = input.server && !input.remote
    ? input.tables.filter((table) => table.prefiltered).reduce((sum, table) => sum + tableMs(input, table), 0)
    : 0;
  return start + Math.max(unshared + (scanMs - unshared) / parallel, largestPiece);
}

/** One process's time for a whole table. */
function tableMs(input: PoolSizeInput, table: SizedTable): number {
  return (table.rows * 1000) / (table.prefiltered ? input.prefilteredRowsPerSecond : input.rowsPerSecond);
}

/** The estimated rates, as the reason words them: only those the tables use. */
function describeRates(input: PoolSizeInput): string {
  const prefiltered = input.tables.filter((table) => table.prefiltered).reduce((sum, table) => sum + table.rows, 0);
  const whole = totalRows(input.tables) - prefiltered;
  const rates = [
    ...(whole > 0 || prefiltered === 0 ? [`${number(input.rowsPerSecond)} rows/s read whole`] : []),
    ...(prefiltered > 0 ? [`${number(input.prefilteredRowsPerSecond)} rows/s prefiltered in SQL`] : []),
  ];
  return `at an estimated ${rates.join(' and ')} per process`;
}

/**
 * Rows per second of one process, from this machine's benchmark of the blog schema, rounded
 * down for wider tables and harder rules. Read whole (hydrated and validated): SQLite ~960k,
 * PostgreSQL ~330k. Prefiltered in SQL (pushdown, 1% of the rows read): SQLite ~4.3M (where
 * two workers scanned only 1.45 times as fast as one), PostgreSQL ~2.7M (bench/results).
 */
export function estimatedRates(server: boolean): Pick<PoolSizeInput, 'rowsPerSecond' | 'prefilteredRowsPerSecond'> {
  return server
    ? { rowsPerSecond: 250_000, prefilteredRowsPerSecond: 2_500_000 }
    : { rowsPerSecond: 600_000, prefilteredRowsPerSecond: 4_000_000 };
}
