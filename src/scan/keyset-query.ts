import type { DataSource } from '../datasource/typeorm-types';
import { escapeTablePath } from '../inventory/count-rows';

export interface KeysetQuery {
  /** The SQL for the first batch (no lower bound) and for the next ones. */
  first: string;
  next: string;
  /** Parameters of `through` go after those of `after`. */
  hasUpperBound: boolean;
}

/**
 * SELECT columns FROM table WHERE key > (last key) [AND key <= (upper)] ORDER BY key LIMIT n.
 * Row-value comparison keeps composite keys in the same order as ORDER BY.
 */
export function buildKeysetQuery(
  dataSource: DataSource,
  tablePath: string,
  columns: string[],
  keyColumns: string[],
  hasUpperBound: boolean,
  batchSize: number,
): KeysetQuery {
  const driver = dataSource.driver;
  const escape = (name: string) => driver.escape(name);
  const select = `SELECT ${columns.map(escape).join(', ')} FROM ${escapeTablePath(dataSource, tablePath)}`;
  const order = ` ORDER BY ${keyColumns.map(escape).join(', ')} LIMIT ${batchSize}`;
  const keyExpression = keyColumns.length === 1 ? escape(keyColumns[0]) : `(${keyColumns.map(escape).join(', ')})`;
  let parameterIndex = 0;
  const tuple = () => {
    const parts = keyColumns.map(() => driver.createParameter(`p${parameterIndex}`, parameterIndex++));
    return parts.length === 1 ? parts[0] : `(${parts.join(', ')})`;
  };
  const upper = () => (hasUpperBound ? `${keyExpression} <= ${tuple()}` : '');
  const firstUpper = upper();
  parameterIndex = 0;
  const lower = `${keyExpression} > ${tuple()}`;
  const nextUpper = upper();
  const where = (conditions: string[]) => (conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '');
  return {
    first: select + where(firstUpper ? [firstUpper] : []) + order,
    next: select + where(nextUpper ? [lower, nextUpper] : [lower]) + order,
    hasUpperBound,
  };
}
