#!/usr/bin/env node
'use strict';
/**
 * Validation throughput on already-hydrated rows, apart from reading: hydrates one table of the
 * blog demo once, then times RowValidator.validate (validation plans) and, for comparison,
 * class-validator's validateSync + flattenErrors (what RowValidator did before plans) on the
 * same entities. Run after `npx tsc -p tsconfig.build.json`:
 *   node test/validation/measure-validation.js [table=posts] [rounds=5]
 */
const path = require('node:path');
const root = path.resolve(__dirname, '../..');
require(path.join(root, 'dist/datasource/register-typescript')).registerTypeScript();
const dataSourceFile = path.join(root, 'fixtures/blog/data-source.ts');
const { BlogDataSource } = require(dataSourceFile);
const { RowValidator } = require(path.join(root, 'dist/validation/row-validator'));
const { loadClassValidator } = require(path.join(root, 'dist/validation/class-validator-api'));
const { flattenErrors } = require(path.join(root, 'dist/validation/flatten-errors'));
const { createHydrator } = require(path.join(root, 'dist/scan/hydrator'));

const [table = 'posts', rounds = '5'] = process.argv.slice(2);

function time(label, entities, validate) {
  const best = { wall: Infinity, cpu: Infinity };
  let invalid = 0;
  for (let round = 0; round < Number(rounds); round++) {
    invalid = 0;
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < entities.length; i++) if (validate(entities[i]).length > 0) invalid++;
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    best.wall = Math.min(best.wall, wall);
    best.cpu = Math.min(best.cpu, (cpu.user + cpu.system) / 1e6);
  }
  const rate = (seconds) => Math.round(entities.length / seconds).toLocaleString('en-US');
  console.log(`${label}: ${entities.length} rows, ${invalid} invalid, best of ${rounds}: ${rate(best.wall)} rows/s wall, ${rate(best.cpu)} rows/s of CPU`);
}

(async () => {
  await BlogDataSource.initialize();
  const metadata = BlogDataSource.entityMetadatas.find((m) => m.tableName === table);
  if (!metadata) throw new Error(`no table ${table} in the blog demo`);
  const hydrator = createHydrator(BlogDataSource, metadata);
  const columns = hydrator.columnNames.map((name) => `"${name}"`).join(', ');
  const rows = BlogDataSource.driver.databaseConnection.prepare(`SELECT ${columns} FROM "${table}"`).raw().all();
  const entities = rows.map((row) => hydrator.hydrate(row));
  const api = loadClassValidator(dataSourceFile);
  const validator = new RowValidator(api, {});
  const options = { validationError: { target: false, value: true } };
  time('validation plans (RowValidator)', entities, (entity) => validator.validate(entity));
  time('class-validator validateSync   ', entities, (entity) => flattenErrors(api.validateSync(entity, options)));
  console.log('classes on the fallback:', JSON.stringify(validator.fallbackClasses()));
  await BlogDataSource.destroy();
})();
