import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDatabase, openServer, recreateDatabase } from '../fixtures/servers/admin';
import type { DataSource } from 'typeorm';
import { DIALECTS, ruleToSql, simplifyRule, type DialectName, type Rule, type SqlDialect } from '../src/rules';
import { SQLITE_WITH_OCTET_LENGTH } from '../src/rules/dialect';
import { constraintCandidates } from '../src/pushdown/constraint-candidates';
import { translatePattern } from '../src/pushdown/translate-pattern';
import { expectServerUp, testDatabase } from './helpers/servers';
import { SeededRandom } from './validation/seeded-random';

/**
 * The rules' SQL run on real databases: each case names the ids of the rows its predicate
 * must select from one small table, the same on SQLite, PostgreSQL and MariaDB.
 */
const ROWS: Array<[id: number, text: string | null, code: string | null, n: number | null, a: number | null, b: number | null, parent: number | null]> = [
  [1, 'abcde', 'Active', 0, 1, 1, null],
  [2, '😀😀😀😀😀', 'active', 1, 1, 1, 1],
  [3, 'abcdef', "it's", 2, 1, null, 9],
  [4, null, 'back\\slash', null, null, null, 3],
  [5, 'é', 'active', 5, 2, 2, 5],
];

const CASES: Array<[name: string, rule: Rule, ids: number[]]> = [
  ['chars over 5 (astral counts one)', { kind: 'length', column: 'text', measure: 'chars', operator: '>', limit: 5 }, [3]],
  ['bytes over 5', { kind: 'length', column: 'text', measure: 'bytes', operator: '>', limit: 5 }, [2, 3]],
  ['bytes under 2', { kind: 'length', column: 'text', measure: 'bytes', operator: '<', limit: 2 }, []],
  ['is null', { kind: 'isNull', column: 'text' }, [4]],
  ['not in, exact text', { kind: 'notIn', column: 'code', values: ['active', "it's"], asText: true }, [1, 4]],
  ['in, escaped literals', { kind: 'in', column: 'code', values: ['back\\slash', "it's"], asText: true }, [3, 4]],
  ['numbers outside 0..1', { kind: 'notIn', column: 'n', values: [0, 1] }, [3, 5]],
  ['compare', { kind: 'compare', column: 'n', operator: '>=', value: 2 }, [3, 5]],
  ['not, NULL as false', { kind: 'not', rule: { kind: 'compare', column: 'n', operator: '>=', value: 2 } }, [1, 2, 4]],
  ['any / all', { kind: 'any', rules: [{ kind: 'isNull', column: 'n' }, { kind: 'all', rules: [{ kind: 'compare', column: 'n', operator: '=', value: 5 }, { kind: 'isNull', column: 'parent' }] }] }, [4]],
  ['duplicate, NULLs never conflict', { kind: 'duplicate', columns: ['a'] }, [1, 2, 3]],
  ['duplicate composite key', { kind: 'duplicate', columns: ['a', 'b'] }, [1, 2]],
  ['missing self-reference', { kind: 'missingReference', columns: ['parent'], targetTable: 'rules_t', targetColumns: ['id'] }, [3]],
  ['length outside 1..5 bytes', { kind: 'lengthOutside', column: 'text', measure: 'bytes', min: 1, max: 5 }, [2, 3]],
  ['length outside 2..5 chars', { kind: 'lengthOutside', column: 'text', measure: 'chars', min: 2, max: 5 }, [3, 5]],
  ['merged lengths and NULL', { kind: 'any', rules: [
    { kind: 'length', column: 'text', measure: 'chars', operator: '>', limit: 5 },
    { kind: 'length', column: 'text', measure: 'chars', operator: '=', limit: 0 },
    { kind: 'length', column: 'text', measure: 'chars', operator: '<=', limit: 1 },
    { kind: 'length', column: 'text', measure: 'chars', operator: '>=', limit: 9 },
    { kind: 'isNull', column: 'text' },
    { kind: 'storageClass', column: 'text', classes: ['integer', 'real', 'blob'] }] }, [3, 4, 5]],
  ['missing reference to a composite key', { kind: 'missingReference', columns: ['a', 'b'], targetTable: 'rules_pair', targetColumns: ['x', 'y'] }, [5]],
];

const CREATE = {
  sqlite: ['CREATE TABLE rules_t (id integer PRIMARY KEY, text varchar(5), code varchar(20), n integer, a integer, b integer, parent integer)',
    'CREATE TABLE rules_pair (x integer, y integer, PRIMARY KEY (x, y))'],
  postgres: ['CREATE TABLE rules_t (id integer PRIMARY KEY, text text, code text, n integer, a integer, b integer, parent integer)',
    'CREATE TABLE rules_pair (x integer, y integer, PRIMARY KEY (x, y))'],
  mysql: ['CREATE TABLE rules_t (id integer PRIMARY KEY, text text, code varchar(20), n integer, a integer, b integer, parent integer) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci',
    'CREATE TABLE rules_pair (x integer, y integer, PRIMARY KEY (x, y))'],
};
const PAIRS = [[1, 1], [2, 3]];

type Query = (sql: string) => Promise<Array<Record<string, unknown>>>;

function selectedIds(dialect: DialectName, query: Query, rule: Rule, d: SqlDialect = DIALECTS[dialect]): Promise<number[]> {
  const where = ruleToSql(d, rule, { table: 'rules_t', alias: 'r' });
  return query(`SELECT ${d.identifier('r')}.${d.identifier('id')} AS id FROM ${d.tablePath('rules_t')} AS ${d.identifier('r')} WHERE ${where} ORDER BY 1`)
    .then((rows) => rows.map((row) => Number(row.id)));
}

async function fill(dialect: DialectName, query: Query): Promise<void> {
  const d = DIALECTS[dialect];
  for (const statement of CREATE[dialect]) await query(statement);
  for (const row of ROWS) await query(`INSERT INTO rules_t VALUES (${row.map((v) => d.literal(v)).join(', ')})`);
  for (const pair of PAIRS) await query(`INSERT INTO rules_pair VALUES (${pair.join(', ')})`);
}

function casesOn(dialect: DialectName, query: () => Query): void {
  for (const [name, rule, ids] of CASES) {
    it(name, async () => {
      expect(await selectedIds(dialect, query(), rule)).toEqual(ids);
      // The simplified rule (merged lengths, NULL as a storage class on SQLite) selects the same rows.
      expect(await selectedIds(dialect, query(), simplifyRule(rule, dialect))).toEqual(ids);
      if (dialect === 'sqlite') expect(await selectedIds(dialect, query(), rule, SQLITE_WITH_OCTET_LENGTH)).toEqual(ids);
    });
  }
}

/** Patterns translatePattern must translate, each checked against JavaScript on every text of patternTexts(). */
const TRANSLATED: Array<[RegExp | string, string?]> = [
  [/^[a-z]+$/], [/^[a-z0-9_-]{3,8}$/], [/abc/], [/^\d{2,}$/], [/^\w+$/], [/^a\.b$/], [/^[A-Z][a-z]*$/], [/x?y+z*/],
  [/^$/], [/^[a-c.]+$/], ['^ab{2}c$'], ['^ab{2}c$', 'g'], [/^a-b$/], [/\//], [/^[\d-z]+?$/], [/^[a-zA-Z]{1,3}$/g], [/0{2}/], [/^'"$/],
];

/** Texts on the patterns' edges: ASCII, newlines before and after, case, astral characters, selectors, accents. */
function patternTexts(dialect: DialectName): string[] {
  const random = new SeededRandom(12);
  const pieces = ['a', 'b', 'c', 'x', 'y', 'z', 'A', 'Z', '0', '1', '9', '_', '-', '.', ' ', '\n', 'é', '😀', '\uFE0F', '/', "'", '"', '\\',
    ...(dialect === 'postgres' ? [] : ['\0'])];
  const fixed = ['', 'abc', 'abc\n', '\nabc', 'ABC', 'a.b', 'a-b', 'axb', 'abbc', '12', '1😀2', 'a😀', '00', '\'"', 'xyz', 'Ab', 'abé'];
  const randomTexts = Array.from({ length: 400 }, () => Array.from({ length: random.int(7) }, () => random.pick(pieces)).join(''));
  return [...new Set([...fixed, ...randomTexts])];
}

describe('translatePattern: only patterns that match alike in every engine', () => {
  it('translates anchors, ASCII atoms, classes written out and quantifiers; the end anchor is \\z on MySQL', () => {
    expect(translatePattern(/^[a-c]+$/, undefined, 'postgres')).toBe('^[abc]+$');
    expect(translatePattern(/^[a-c]+$/, undefined, 'mysql')).toBe('^[abc]+\\z');
    expect(translatePattern(/^\d{2,4}?x$/, undefined, 'postgres')).toBe('^[0123456789]{2,4}x$');
    expect(translatePattern('a\\.b', undefined, 'postgres')).toBe('a\\.b');
  });

  it('leaves the rest untranslated', () => {
    for (const pattern of [/./, /(a|b)/, /a|b/, /[^a]/, /a/i, /a/u, /a/y, /a/m, /a/s, /\s/, /\bx/, /é/, /😀/, /[a-é]/, "[z-a]", "a{2,1}x", "a**", "^*", /a$b/, /[]/, /\p{L}/u, 5]) {
      expect(translatePattern(pattern, undefined, 'postgres'), String(pattern)).toBeUndefined();
    }
    expect(translatePattern('a', 'i', 'postgres')).toBeUndefined();
  });
});

describe('rules on SQLite', () => {
  const db = new Database(':memory:');
  const query: Query = async (sql) => (sql.startsWith('SELECT') ? db.prepare(sql).all() as Array<Record<string, unknown>> : (db.exec(sql), []));
  beforeAll(() => fill('sqlite', query));
  afterAll(() => db.close());
  casesOn('sqlite', () => query);

  it('tells storage classes apart and counts up to a NUL as SQLite does', async () => {
    db.exec("CREATE TABLE rules_s (id integer PRIMARY KEY, v integer); INSERT INTO rules_s VALUES (1, 5), (2, '5x'), (3, x'00'), (4, 2.5), (5, 'a' || char(0) || 'bcdef')");
    const ids = (rule: Rule) => db.prepare(`SELECT id FROM rules_s AS "r" WHERE ${ruleToSql(DIALECTS.sqlite, rule, { table: 'rules_s', alias: 'r' })}`)
      .all().map((row) => (row as { id: number }).id);
    expect(ids({ kind: 'storageClass', column: 'v', classes: ['text', 'blob'] })).toEqual([2, 3, 5]);
    expect(ids({ kind: 'length', column: 'v', measure: 'chars', operator: '>', limit: 2 })).toEqual([4]);
    expect(ids({ kind: 'length', column: 'v', measure: 'bytes', operator: '>', limit: 2 })).toEqual([4, 5]);
    expect(ids({ kind: 'in', column: 'v', values: ['a\0bcdef'] })).toEqual([5]);
    // octet_length() counts as length(CAST(x AS BLOB)) does: past a NUL, numbers as their text.
    for (const limit of [0, 1, 2, 3, 6]) {
      const rule: Rule = { kind: 'length', column: 'v', measure: 'bytes', operator: '>', limit };
      const octet = db.prepare(`SELECT id FROM rules_s AS "r" WHERE ${ruleToSql(SQLITE_WITH_OCTET_LENGTH, rule, { table: 'rules_s', alias: 'r' })}`).all();
      expect(octet.map((row) => (row as { id: number }).id)).toEqual(ids(rule));
    }
    expect(ids(simplifyRule({ kind: 'any', rules: [{ kind: 'isNull', column: 'v' }, { kind: 'storageClass', column: 'v', classes: ['text', 'blob'] }] }, 'sqlite')))
      .toEqual([2, 3, 5]);
  });
});

for (const [server, dialect] of [['postgres', 'postgres'], ['mariadb', 'mysql']] as const) {
  describe(`rules on ${server}`, () => {
    const database = testDatabase('rules');
    let dataSource: DataSource;
    const query: Query = (sql) => dataSource.query(sql);
    beforeAll(async () => {
      await expectServerUp(server);
      await recreateDatabase(server, database);
      dataSource = await openServer(server, database);
      await fill(dialect, query);
    });
    afterAll(async () => {
      await dataSource?.destroy();
      await dropDatabase(server, database);
    });
    casesOn(dialect, () => query);

    it('matches regular expressions case-sensitively', async () => {
      expect(await selectedIds(dialect, query, { kind: 'matches', column: 'code', pattern: '^[a-z]+$' })).toEqual([2, 5]);
    });

    it('MinLength\'s candidates hold in any text encoding, UTF-32 too (a selector is 4 bytes there)', async () => {
      const d = DIALECTS[dialect];
      await query(`CREATE TABLE rules_w (id integer PRIMARY KEY, w text${dialect === 'mysql' ? ' CHARACTER SET utf32' : ''})`);
      const texts = ['a\uFE0F'.repeat(7), '😀\uFE0F'.repeat(7), 'abcdefgh', 'a\uFE0F'.repeat(8), 'abcdefg'];
      await query(`INSERT INTO rules_w VALUES ${texts.map((text, id) => `(${id}, ${d.literal(text)})`).join(', ')}`);
      const rule = constraintCandidates('minLength', [8], 'string', 'w', dialect) as Rule;
      const where = ruleToSql(d, simplifyRule(rule, dialect), { table: 'rules_w', alias: 'w' });
      const rows = await query(`SELECT ${d.identifier('w')}.${d.identifier('id')} AS id FROM rules_w AS ${d.identifier('w')} WHERE ${where} ORDER BY 1`);
      // isLength of each text: 7, 7, 8, 8, 7; the ones below 8 must be candidates.
      expect(rows.map((row) => Number(row.id))).toEqual(expect.arrayContaining([0, 1, 4]));
      // Exact text in another character set: IsNotIn's candidates are the listed values.
      const listed = ruleToSql(d, constraintCandidates('isNotIn', [['abcdefg']], 'string', 'w', dialect) as Rule, { table: 'rules_w', alias: 'w' });
      const found = await query(`SELECT ${d.identifier('w')}.${d.identifier('id')} AS id FROM rules_w AS ${d.identifier('w')} WHERE ${listed} ORDER BY 1`);
      expect(found.map((row) => Number(row.id))).toEqual([4]);
    });

    it('translated @Matches patterns select exactly the strings JavaScript matches', async () => {
      const d = DIALECTS[dialect];
      const texts = patternTexts(dialect);
      await query(`CREATE TABLE rules_m (id integer PRIMARY KEY, v text)${dialect === 'mysql' ? ' CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci' : ''}`);
      await query(`INSERT INTO rules_m VALUES ${texts.map((text, id) => `(${id}, ${d.literal(text)})`).join(', ')}`);
      for (const [pattern, modifiers] of TRANSLATED) {
        const translated = translatePattern(pattern, modifiers, dialect);
        expect(translated, String(pattern)).toBeDefined();
        const regex = pattern instanceof RegExp ? pattern : new RegExp(pattern, modifiers);
        const expected = texts.flatMap((text, id) => (text.match(regex) ? [id] : []));
        const where = ruleToSql(d, { kind: 'matches', column: 'v', pattern: translated! }, { table: 'rules_m', alias: 'm' });
        const rows = await query(`SELECT ${d.identifier('m')}.${d.identifier('id')} AS id FROM rules_m AS ${d.identifier('m')} WHERE ${where} ORDER BY 1`);
        expect(rows.map((row) => Number(row.id)), `${String(pattern)} as ${translated}`).toEqual(expected);
      }
    });
  });
}
