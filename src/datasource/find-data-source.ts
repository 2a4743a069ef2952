import { UserError, describeError } from '../errors';
import { legacyTypeormReason } from './legacy-typeorm';
import type { DataSource } from './typeorm-types';

const DATA_SOURCE_MARK = Symbol.for('DataSource');

export function isDataSource(value: unknown): value is DataSource {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as Record<string | symbol, unknown>;
  if (candidate['@instanceof'] === DATA_SOURCE_MARK) return true;
  // TypeORM 0.3 releases before InstanceChecker: recognise the shape.
  return typeof candidate.initialize === 'function' && typeof candidate.options === 'object' &&
    typeof candidate.getMetadata === 'function';
}

/**
 * TypeORM CLI's rule: the DataSource is the module's default export or its single named
 * export; exported promises are awaited first.
 */
export async function findDataSourceExport(exports: Record<string, unknown>, file: string): Promise<DataSource> {
  if (isDataSource(exports)) return exports; // module.exports = dataSource
  const found: DataSource[] = [];
  for (const [name, value] of Object.entries(exports)) {
    let settled: unknown;
    try {
      settled = await value;
    } catch (error) {
      throw new UserError(`The export "${name}" of data source module ${file} failed: ${describeError(error)}`);
    }
    if (isDataSource(settled) && !found.includes(settled)) found.push(settled);
  }
  if (found.length === 0) {
    const legacy = legacyTypeormReason(exports, file);
    if (legacy) throw new UserError(legacy);
    throw new UserError(`The data source module ${file} exports no TypeORM DataSource. Export one as the default export or as the module's only DataSource export, as TypeORM's own CLI expects.`);
  }
  if (found.length > 1) {
    throw new UserError(`The data source module ${file} exports ${found.length} DataSources; export exactly one, as TypeORM's own CLI expects.`);
  }
  return found[0];
}
