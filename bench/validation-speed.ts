/**
 * Validation alone, on already-hydrated entities: the compiled plans (RowValidator) against
 * class-validator's own `await validate()`, the exact reference, on every row of a
 * fixture. Usage: node bench/ts.js bench/validation-speed.ts <blog|hard> [rounds]
 * Prints { fixture, rows, invalidRows, plansRowsPerSec, classValidatorRowsPerSec } as JSON;
 * both must agree on invalidRows.
 */
import * as path from 'node:path';
import type { DataSource } from 'typeorm';
import { entityTables } from '../src/inventory/entity-tables';
import { createHydrator } from '../src/scan/hydrator';
import { loadClassValidator } from '../src/validation/class-validator-api';
import { RowValidator } from '../src/validation/row-validator';

const FIXTURES: Record<string, { file: string; exportName: string }> = {
  blog: { file: path.join(__dirname, '..', 'fixtures', 'blog', 'data-source.ts'), exportName: 'BlogDataSource' },
  hard: { file: path.join(__dirname, '..', 'fixtures', 'hard', 'data-source.ts'), exportName: 'HardCasesDataSource' },
};

async function hydrateAll(dataSource: DataSource): Promise<object[]> {
  const entities: object[] = [];
  const connection = (dataSource.driver as unknown as { databaseConnection: { prepare(sql: string): { raw(): { all(): unknown[][] } } } })
    .databaseConnection;
  for (const metadata of entityTables(dataSource)) {
    const hydrator = createHydrator(dataSource, metadata);
    const columns = hydrator.columnNames.map((name) => dataSource.driver.escape(name)).join(', ');
    for (const row of connection.prepare(`SELECT ${columns} FROM ${dataSource.driver.escape(metadata.tablePath)}`).raw().all()) {
      try {
        const entity = hydrator.hydrate(row);
        await hydrator.afterLoad(entity);
        entities.push(entity);
      } catch {
        // a row TypeORM cannot read is a hydration finding, not a validation case
      }
    }
  }
  return entities;
}

async function bestRate(entities: object[], rounds: number, validate: (entity: object) => unknown): Promise<{ rate: number; invalid: number }> {
  let best = Infinity;
  let invalid = 0;
  for (let round = 0; round < rounds; round++) {
    invalid = 0;
    const started = process.hrtime.bigint();
    for (const entity of entities) {
      try {
        const verdict = validate(entity);
        const findings = (verdict instanceof Promise ? await verdict : verdict) as unknown[];
        if (findings.length > 0) invalid++;
      } catch {
        invalid++; // a validator that throws is a finding on its row, as in a scan
      }
    }
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e9);
  }
  return { rate: Math.round(entities.length / best), invalid };
}

async function main(): Promise<void> {
  const [fixtureName = 'blog', rounds = '3'] = process.argv.slice(2);
  const fixture = FIXTURES[fixtureName];
  if (!fixture) throw new Error(`unknown fixture ${fixtureName}; use blog or hard`);
  const dataSource = require(fixture.file)[fixture.exportName] as DataSource;
  await dataSource.initialize();
  const entities = await hydrateAll(dataSource);
  const api = loadClassValidator(fixture.file)!;
  const validator = new RowValidator(api, {});
  const facts = api.getMetadataStorage();
  // class-validator reports classes without metadata as unknown values; RowValidator skips them.
  const hasValidators = (entity: object) => facts.getTargetValidationMetadatas(entity.constructor, '', false, false).length > 0;
  const checked = entities.filter(hasValidators);
  const options = { validationError: { target: false, value: true } };
  const plans = await bestRate(checked, Number(rounds), (entity) => validator.validate(entity));
  const reference = await bestRate(checked, Number(rounds), (entity) => api.validate(entity, options));
  await dataSource.destroy();
  if (plans.invalid !== reference.invalid) {
    throw new Error(`plans found ${plans.invalid} invalid rows, class-validator ${reference.invalid}`);
  }
  process.stdout.write(JSON.stringify({
    fixture: fixtureName,
    rows: checked.length,
    invalidRows: plans.invalid,
    plansRowsPerSec: plans.rate,
    classValidatorRowsPerSec: reference.rate,
    fallbackClasses: validator.fallbackClasses(),
  }));
}

main().catch((error) => {
  process.stderr.write(`validation-speed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
