import { afterAll, describe, expect, it } from 'vitest';
import { dropDatabase, openServer, recreateDatabase } from '../fixtures/servers/admin';
import { checkCharacterCounting, countsCharacters } from '../src/datasource/character-counting';
import type { DataSource } from '../src/datasource/typeorm-types';
import { expectServerUp, testDatabase } from './helpers/servers';

/** PostgreSQL's char_length() counts bytes in a SQL_ASCII database: MinLength must not be pushed there. */
describe('checkCharacterCounting', () => {
  const utf8 = testDatabase('utf8');
  const ascii = testDatabase('sqlascii');
  afterAll(async () => {
    await dropDatabase('postgres', utf8);
    await dropDatabase('postgres', ascii);
  });

  it('tells a SQL_ASCII database, whose char_length() counts bytes, from a UTF8 one', async () => {
    await expectServerUp('postgres');
    await recreateDatabase('postgres', utf8);
    await dropDatabase('postgres', ascii);
    const admin = await openServer('postgres');
    await admin.query(`CREATE DATABASE "${ascii}" ENCODING 'SQL_ASCII' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'`);
    await admin.destroy();
    for (const [name, counts] of [[utf8, true], [ascii, false]] as const) {
      const dataSource = await openServer('postgres', name);
      try {
        await checkCharacterCounting(dataSource as unknown as DataSource);
        expect(countsCharacters(dataSource as unknown as DataSource), name).toBe(counts);
        const [{ n }] = await dataSource.query(`SELECT char_length('é') AS n`);
        expect(n).toBe(counts ? 1 : 2);
      } finally {
        await dataSource.destroy();
      }
    }
  });
});
