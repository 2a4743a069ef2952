import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../src/errors';
import { metadataStorageOf } from '../src/validation/class-validator-api';
import { installedPackage, linkNodeModules } from './helpers/installed-package';
import { runJson } from './helpers/run-cli';
import { ENTITIES_TS, INVALID_ROWS, SCHEMA_SQL, TempDir, createDatabase, dataSourceTs } from './helpers/temp-project';

/**
 * class-validator before 0.13 (0.9 and 0.11 are pinned by real projects) has no
 * getMetadataStorage(): its rows are validated by its own validate(), with its verdicts.
 */

let tmp: TempDir;
let dataSource: string;

beforeAll(() => {
  tmp = new TempDir('cv011');
  linkNodeModules(tmp.dir, { 'class-validator': installedPackage('class-validator', '0.11.1') });
  tmp.write({
    'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2019', experimentalDecorators: true, emitDecoratorMetadata: true } }),
    'app/entities.ts': ENTITIES_TS,
  });
  const database = createDatabase(tmp.path('db.sqlite'), SCHEMA_SQL, INVALID_ROWS);
  dataSource = tmp.write({ 'app/data-source.ts': dataSourceTs(database) });
});

afterAll(() => tmp?.cleanup());

describe('class-validator 0.11', () => {
  it.each([['in process', ['--procs', '1']], ['in workers', ['--procs', '2', '--exact-procs']]])('validates its rows through its own validate() (%s)', async (_label, procs) => {
    const { code, report, stderr } = await runJson(['-d', dataSource, ...procs]);
    expect(stderr).not.toMatch(/unexpected error/);
    expect(code, stderr).toBe(1);
    const byTable = Object.fromEntries(report.tables.map((table: any) => [table.table, table]));
    expect(byTable.users.invalidRows).toBe(2);
    expect(byTable.posts.invalidRows).toBe(1);
    expect(byTable.users.samples.map((s: any) => s.key.id)).toEqual([2, 4]);
    expect(byTable.users.samples[0].errors[0]).toMatchObject({ property: 'email', constraint: 'isEmail', message: 'email must be an email' });
    expect(byTable.posts.samples[0].errors[0]).toMatchObject({ property: 'title', constraint: 'minLength' });
  });
});

describe('a class-validator whose API reaches no metadata storage', () => {
  it('is refused in one line naming the supported versions and the one found', () => {
    expect(() => metadataStorageOf({}, '0.8.5')).toThrow(
      new UserError('class-validator 0.8.5 is not supported: its API has neither getMetadataStorage() nor MetadataStorage; validate-records supports class-validator 0.9 to 0.15.'),
    );
  });
});
