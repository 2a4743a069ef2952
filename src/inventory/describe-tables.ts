import type { DataSource } from '../datasource/typeorm-types';
import { describeError } from '../errors';
import type { ClassValidatorApi } from '../validation/class-validator-api';
import { classValidationFacts } from '../validation/class-validation-facts';
import { entityTables, tableClasses } from './entity-tables';
import { countRows } from './count-rows';
import type { TableDescription } from './table-description';
import { matchesSelection, type TableSelection } from './select-tables';

/** Every selected entity table with its key, whether it has validators, and its size. */
export async function describeTables(
  dataSource: DataSource,
  classValidator: ClassValidatorApi | undefined,
  selection: TableSelection,
  groups?: string[],
): Promise<TableDescription[]> {
  const tables: TableDescription[] = [];
  for (const metadata of entityTables(dataSource)) {
    if (!matchesSelection(selection, metadata.name, metadata.tablePath)) continue;
    const validated = classValidator !== undefined &&
      tableClasses(metadata).some((target) => classValidationFacts(classValidator, target, groups).hasValidators);
    const description: TableDescription = {
      entity: metadata.name,
      table: metadata.tablePath,
      keyProperties: metadata.primaryColumns.map((column) => column.propertyPath),
      validated,
      rows: 0,
      error: null,
    };
    try {
      description.rows = await countRows(dataSource, metadata);
    } catch (error) {
      description.error = tableErrorMessage(metadata.name, metadata.tablePath, error);
    }
    tables.push(description);
  }
  return tables.sort((a, b) => b.rows - a.rows || a.table.localeCompare(b.table));
}

export function tableErrorMessage(entity: string, table: string, error: unknown): string {
  const message = describeError(error);
  if (/no such table|does not exist|doesn't exist/i.test(message)) {
    return `table "${table}" of entity ${entity} does not exist in the database (${message})`;
  }
  return `table "${table}" of entity ${entity} could not be read: ${message}`;
}
