import { databaseFamily } from '../datasource/database-family';
import type { DataSource } from '../datasource/typeorm-types';
import { escapeTablePath } from '../datasource/escape-table-path';
import type { KeyRange, KeyTuple } from './key-range';

export interface KeysetQuery {
  /** The SQL for the first batch (no lower bound) and for the next ones. */
  first: string;
  next: string;
  /** Result column names, in the order of the requested columns (rows as objects carry these). */
  aliases: string[];
  /** The values for the placeholders of `first` (upper bound only) or `next`, in placeholder order. */
  firstParameters(through: KeyTuple | null): unknown[];
  nextParameters(after: KeyTuple, through: KeyTuple | null): unknown[];
}

/** Which bound a placeholder takes its value from, and which key column. */
export type Slot = [bound: 'after' | 'through', index: number];

/**
 * SELECT a AS c0, b AS c1, ... FROM table: rows read as objects give their values back by
 * alias, in a known order, whatever the column names are.
 */
export function aliasedSelect(dataSource: DataSource, tablePath: string, columns: string[]): string {
  const escape = (name: string) => dataSource.driver.escape(name);
  return `SELECT ${columns.map((column, index) => `${escape(column)} AS ${escape(`c${index}`)}`).join(', ')} ` +
    `FROM ${escapeTablePath(dataSource, tablePath)}`;
}

/**
 * SELECT columns FROM table WHERE key > (last key) [AND key <= (upper)] [AND condition]
 * ORDER BY key LIMIT n. Columns are aliased c0..cN, so rows read as objects give their
 * values back in a known order whatever the column names are. `condition` is plain SQL
 * without parameters (soft-deleted rows left out).
 */
export function buildKeysetQuery(
  dataSource: DataSource,
  tablePath: string,
  columns: string[],
  keyColumns: string[],
  hasUpperBound: boolean,
  batchSize: number,
  condition?: string,
): KeysetQuery {
  const escape = (name: string) => dataSource.driver.escape(name);
  const select = aliasedSelect(dataSource, tablePath, columns);
  const order = ` ORDER BY ${keyColumns.map(escape).join(', ')} LIMIT ${batchSize}`;
  const build = (withLower: boolean) => {
    const comparisons = new KeyComparisons(dataSource, keyColumns);
    const conditions = [
      ...(withLower ? [comparisons.compare('>', 'after')] : []),
      ...(hasUpperBound ? [comparisons.compare('<=', 'through')] : []),
      ...(condition ? [condition] : []),
    ];
    const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
    return { sql: select + where + order, slots: comparisons.slots };
  };
  const first = build(false);
  const next = build(true);
  return {
    first: first.sql,
    next: next.sql,
    aliases: columns.map((_, index) => `c${index}`),
    firstParameters: (through) => parameterValues(first.slots, null, through),
    nextParameters: (after, through) => parameterValues(next.slots, after, through),
  };
}

/** `key > after` and `key <= through` for the bounds the range has, with their parameter values. */
export function rangeConditions(dataSource: DataSource, keyColumns: string[], range: KeyRange): { conditions: string[]; parameters: unknown[] } {
  const comparisons = new KeyComparisons(dataSource, keyColumns);
  const conditions = [
    ...(range.after ? [comparisons.compare('>', 'after')] : []),
    ...(range.through ? [comparisons.compare('<=', 'through')] : []),
  ];
  return { conditions, parameters: parameterValues(comparisons.slots, range.after, range.through) };
}

export function parameterValues(slots: Slot[], after: KeyTuple | null, through: KeyTuple | null): unknown[] {
  return slots.map(([bound, index]) => (bound === 'after' ? after : through)![index]);
}

/**
 * Key comparisons in the dialect's best form, with placeholders numbered in the order they
 * appear. PostgreSQL and SQLite compare row values, `(a, b) > (?, ?)`, along the primary-key
 * index. MariaDB does not: it reads the index from its start for a row value (measured:
 * 91k index entries for a 1000-row batch near the end of a 100k-row table), so elsewhere the
 * comparison is spelled out, `a > ? OR (a = ? AND b > ?)`, which every optimizer turns into
 * index ranges.
 */
export class KeyComparisons {
  readonly slots: Slot[] = [];
  private readonly rowValues: boolean;
  private readonly columns: string[];

  constructor(private readonly dataSource: DataSource, keyColumns: string[]) {
    const family = databaseFamily(dataSource);
    this.rowValues = family === 'postgres' || family === 'sqlite';
    this.columns = keyColumns.map((column) => dataSource.driver.escape(column));
  }

  /** `key > after` or `key <= through`. */
  compare(operator: '>' | '<=', bound: Slot[0]): string {
    const columns = this.columns;
    if (columns.length === 1) return `${columns[0]} ${operator} ${this.placeholder(bound, 0)}`;
    if (this.rowValues) {
      return `(${columns.join(', ')}) ${operator} (${columns.map((_, index) => this.placeholder(bound, index)).join(', ')})`;
    }
    const strict = operator === '>' ? '>' : '<';
    const alternatives = columns.map((column, last) => {
      const equalities = columns.slice(0, last).map((prefix, index) => `${prefix} = ${this.placeholder(bound, index)}`);
      const final = `${column} ${last === columns.length - 1 ? operator : strict} ${this.placeholder(bound, last)}`;
      return `(${[...equalities, final].join(' AND ')})`;
    });
    return `(${alternatives.join(' OR ')})`;
  }

  private placeholder(bound: Slot[0], index: number): string {
    const position = this.slots.length;
    this.slots.push([bound, index]);
    return this.dataSource.driver.createParameter(`p${position}`, position);
  }
}
