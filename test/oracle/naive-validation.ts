import 'reflect-metadata';
import { DataSource, type EntityMetadata } from 'typeorm';
import { loadEntities } from './load-entities';
import { canonicalKey, type OracleResult, type OracleTable } from './oracle-result';
import { validateNaively } from './validate-naively';

/**
 * The expected result, computed the way a TypeORM user would check their data: for each
 * entity table, repository.find() and class-validator's validate() on every entity.
 * Slow and simple on purpose; it shares no code with the tool under test.
 */
export async function naiveValidation(dataSourceModule: string): Promise<OracleResult> {
  const dataSource = dataSourceExport(require(dataSourceModule));
  await dataSource.initialize();
  try {
    const tables: OracleTable[] = [];
    for (const metadata of dataSource.entityMetadatas.filter(isEntityTable)) {
      tables.push(await checkTable(dataSource, metadata));
    }
    const schema = await dataSource.driver.createSchemaBuilder().log();
    return { tables, pendingSchemaQueries: schema.upQueries.map((query) => query.query) };
  } finally {
    await dataSource.destroy();
  }
}

/** Tables of their own: no views, no junction tables, no single-table-inheritance children. */
function isEntityTable(metadata: EntityMetadata): boolean {
  return metadata.tableType === 'regular' && !metadata.isJunction;
}

async function checkTable(dataSource: DataSource, metadata: EntityMetadata): Promise<OracleTable> {
  const result: OracleTable = {
    entity: metadata.name,
    table: metadata.tablePath,
    rows: 0,
    invalidRows: 0,
    noValidators: true,
    violations: {},
    invalidRowFindings: {},
  };
  for (const row of await loadEntities(dataSource.getRepository(metadata.target))) {
    result.rows++;
    let findings: string[];
    if ('unreadable' in row) {
      findings = [`${row.unreadable}:hydration`];
    } else {
      const verdict = await validateNaively(row.entity);
      if ('noRules' in verdict) continue;
      findings = verdict.findings;
    }
    result.noValidators = false;
    if (findings.length === 0) continue;
    result.invalidRows++;
    result.invalidRowFindings[canonicalKey(row.key)] = findings;
    for (const finding of findings) result.violations[finding] = (result.violations[finding] ?? 0) + 1;
  }
  return result;
}

function dataSourceExport(exports: Record<string, unknown>): DataSource {
  const found = Object.values(exports).filter((value): value is DataSource => value instanceof DataSource);
  if (found.length !== 1) throw new Error(`expected one exported DataSource, found ${found.length}`);
  return found[0];
}
