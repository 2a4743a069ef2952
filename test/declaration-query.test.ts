import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECLARATION_ENTITIES } from '../fixtures/declarations/entities';
import { ReadConnection } from '../src/consistency/read-connection';
import { parseChecks } from '../src/declarations/checks';
import { compileDeclarations } from '../src/declarations/compile-declarations';
import { DeclarationQuery } from '../src/declarations/declaration-query';
import { rowKeyId } from '../src/declarations/row-key-id';
import { DIALECTS } from '../src/rules';

/** A key range bounds every declaration of the table, not only the first (AND binds tighter than OR). */
describe('declaration query of a key range', () => {
  const dataSource = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: DECLARATION_ENTITIES });
  let connection: ReadConnection;
  beforeAll(async () => {
    await dataSource.initialize();
    // No constraints: any value can be stored, as in a file written outside TypeORM.
    await dataSource.query('CREATE TABLE accounts (id int PRIMARY KEY, email varchar, status varchar, region varchar, number int, score real, active boolean)');
    const rows = [
      [1, null, 'active'], [2, 'a-very-long-address-over-twenty@x', 'active'], [3, 'ok@x', 'gone'],
      [4, null, 'active'], [5, 'another-very-long-address@x', 'active'], [6, 'ok6@x', 'gone'], [7, 'ok7@x', 'active'],
    ];
    for (const [id, email, status] of rows) await dataSource.query('INSERT INTO accounts (id, email, status, active) VALUES (?, ?, ?, 0)', [id, email, status]);
    connection = await ReadConnection.open(dataSource);
  });
  afterAll(async () => {
    await connection?.close();
    await dataSource.destroy();
  });

  it('returns the failing rows of the range only, each with all its findings', async () => {
    const metadata = dataSource.getMetadata('Account');
    const declarations = compileDeclarations(metadata, 'sqlite', parseChecks('columns', 'test'));
    const query = new DeclarationQuery(dataSource, DIALECTS.sqlite, metadata, declarations, { withDeleted: false, showValues: false });
    const constraints = async (after: number | null, through: number | null) => {
      const found = await query.findings(connection, { after: after === null ? null : [after], through: through === null ? null : [through] });
      return [4, 5, 6, 1, 2, 3].flatMap((id) => {
        const findings = found.get(rowKeyId([id]));
        return findings ? [`${id}:${findings.map((f) => f.constraint).sort().join(',')}`] : [];
      }).sort();
    };
    expect(await constraints(3, null)).toEqual(['4:columnNullable', '5:columnLength', '6:columnEnum']);
    expect(await constraints(null, 3)).toEqual(['1:columnNullable', '2:columnLength', '3:columnEnum']);
    expect(await constraints(1, 2)).toEqual(['2:columnLength']);
  });
});
