import 'reflect-metadata';
import type { DataSource, EntityMetadata } from 'typeorm';
import { entityTables } from '../../src/inventory/entity-tables';
import { createHydrator, HydrationError } from '../../src/scan/hydrator';
import { loadEntities } from './load-entities';
import { canonicalKey } from './oracle-result';

export interface HydrationComparison {
  table: string;
  rows: number;
  /** Rows whose entity differs from find()'s: key, then both descriptions. */
  mismatches: string[];
}

/**
 * Our hydrator against TypeORM itself: every row of every entity table (SQLite) hydrated
 * by createHydrator (with @AfterLoad) must describe exactly as the entity repository.find()
 * returns, class, property values and types included; a row find() cannot read must fail
 * on the same column.
 */
export async function compareHydration(dataSourceModule: string): Promise<HydrationComparison[]> {
  const exported = require(dataSourceModule);
  const dataSource: DataSource = exported.default ?? Object.values(exported).find((value: any) => value?.isInitialized === false);
  await dataSource.initialize();
  try {
    const comparisons: HydrationComparison[] = [];
    for (const metadata of entityTables(dataSource)) comparisons.push(await compareTable(dataSource, metadata));
    return comparisons;
  } finally {
    await dataSource.destroy();
  }
}

async function compareTable(dataSource: DataSource, metadata: EntityMetadata): Promise<HydrationComparison> {
  const expected = new Map<string, string>();
  for (const row of await loadEntities(dataSource.getRepository(metadata.target))) {
    expected.set(canonicalKey(row.key), 'unreadable' in row ? `unreadable ${row.unreadable}` : describe(row.entity));
  }
  const hydrator = createHydrator(dataSource, metadata);
  const database = (dataSource.driver as any).databaseConnection;
  const columns = hydrator.columnNames.map((name) => dataSource.driver.escape(name)).join(', ');
  const rows: unknown[][] = database.prepare(`SELECT ${columns} FROM ${dataSource.driver.escape(metadata.tablePath)}`).raw(true).all();
  const comparison: HydrationComparison = { table: metadata.tablePath, rows: 0, mismatches: [] };
  for (const row of rows) {
    let actual: string;
    let key: Record<string, unknown>;
    try {
      const entity = hydrator.hydrate(row);
      await hydrator.afterLoad(entity);
      actual = describe(entity);
      key = metadata.getEntityIdMap(entity)!;
    } catch (error) {
      if (!(error instanceof HydrationError)) throw error;
      actual = `unreadable ${error.property}`;
      key = Object.fromEntries(metadata.primaryColumns.map((column, i) => [column.propertyPath, row[hydrator.keyIndexes[i]]]));
    }
    const canonical = canonicalKey(key);
    if (!expected.has(canonical)) continue; // soft-deleted: find() leaves it out
    comparison.rows++;
    if (expected.get(canonical) !== actual) comparison.mismatches.push(`${canonical}\n  find(): ${expected.get(canonical)}\n  ours:   ${actual}`);
  }
  if (comparison.rows !== expected.size) comparison.mismatches.push(`find() read ${expected.size} rows, the hydrator ${comparison.rows}`);
  return comparison;
}

/** A value as text that tells apart what === and JSON would not: -0, NaN, invalid dates, classes, buffers. */
export function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number') return Object.is(value, -0) ? 'number -0' : `number ${value}`;
  if (typeof value !== 'object' || value === null) return `${typeof value} ${JSON.stringify(value) ?? String(value)}`;
  if (value instanceof Date) return `Date ${value.getTime()}`;
  if (Buffer.isBuffer(value)) return `Buffer ${value.toString('hex')}`;
  const className = value.constructor?.name ?? 'null-prototype';
  if (Array.isArray(value)) return `${className} [${value.map(describe).join(', ')}]`;
  const entries = Object.keys(value).sort().map((key) => `${key}: ${describe((value as Record<string, unknown>)[key])}`);
  return `${className} {${entries.join(', ')}}`;
}
