import { describe, expect, it } from 'vitest';
import { DIALECTS, ruleSupported, ruleToSql, type Rule } from '../src/rules';

const context = { table: 'app.users', alias: 'r' };
const sql = (dialect: keyof typeof DIALECTS, rule: Rule) => ruleToSql(DIALECTS[dialect], rule, context);

describe('rules as SQL, per dialect', () => {
  it('quotes identifiers and table paths, doubling the quote character', () => {
    expect(DIALECTS.sqlite.identifier('we"ird')).toBe('"we""ird"');
    expect(DIALECTS.postgres.tablePath('app.users')).toBe('"app"."users"');
    expect(DIALECTS.mysql.identifier('we`ird')).toBe('`we``ird`');
  });

  it('writes literals each database reads back unchanged', () => {
    expect(DIALECTS.sqlite.literal("it's")).toBe("'it''s'");
    expect(DIALECTS.sqlite.literal('a\0b')).toBe("('a' || char(0) || 'b')");
    expect(DIALECTS.postgres.literal('back\\slash')).toBe("'back\\slash'");
    expect(DIALECTS.mysql.literal("back\\sl'ash\0")).toBe("'back\\\\sl''ash\\0'");
    expect(DIALECTS.postgres.literal(true)).toBe('TRUE');
    expect(DIALECTS.sqlite.literal(false)).toBe('0');
    expect(DIALECTS.mysql.literal(-0)).toBe('0');
    expect(DIALECTS.postgres.literal(12345678901234567890n)).toBe('12345678901234567890');
    expect(() => DIALECTS.sqlite.literal(Number.NaN)).toThrow(RangeError);
    expect(() => DIALECTS.postgres.literal('a\0')).toThrow(/NUL/);
  });

  it('measures length in characters or bytes with each database\'s own function', () => {
    const chars: Rule = { kind: 'length', column: 'email', measure: 'chars', operator: '>', limit: 20 };
    const bytes: Rule = { kind: 'length', column: 'email', measure: 'bytes', operator: '>', limit: 20 };
    expect(sql('sqlite', chars)).toBe('length("r"."email") > 20');
    expect(sql('postgres', chars)).toBe('char_length("r"."email") > 20');
    expect(sql('mysql', chars)).toBe('CHAR_LENGTH(`r`.`email`) > 20');
    expect(sql('sqlite', bytes)).toBe('length(CAST("r"."email" AS BLOB)) > 20');
    expect(sql('postgres', bytes)).toBe('octet_length("r"."email") > 20');
    expect(sql('mysql', bytes)).toBe('OCTET_LENGTH(`r`.`email`) > 20');
  });

  it('compares literal lists, as exact text where asked', () => {
    const rule: Rule = { kind: 'notIn', column: 'status', values: ['a', 1], asText: true };
    expect(sql('sqlite', rule)).toBe(`"r"."status" IS NOT NULL AND CAST("r"."status" AS TEXT) COLLATE BINARY NOT IN ('a', '1')`);
    expect(sql('postgres', rule)).toBe(`"r"."status" IS NOT NULL AND ("r"."status")::text COLLATE "C" NOT IN ('a', '1')`);
    expect(sql('mysql', rule)).toBe("`r`.`status` IS NOT NULL AND BINARY CONVERT(`r`.`status` USING utf8mb4) NOT IN ('a', '1')");
    expect(sql('postgres', { kind: 'in', column: 'n', values: [0, 1] })).toBe('"r"."n" IS NOT NULL AND "r"."n" IN (0, 1)');
    expect(sql('sqlite', { kind: 'in', column: 'n', values: [] })).toBe('0');
    expect(sql('mysql', { kind: 'notIn', column: 'n', values: [] })).toBe('`r`.`n` IS NOT NULL');
  });

  it('tests storage classes on SQLite only, and regular expressions on servers only', () => {
    const storage: Rule = { kind: 'storageClass', column: 'age', classes: ['text', 'blob'] };
    expect(sql('sqlite', storage)).toBe(`typeof("r"."age") IN ('text', 'blob')`);
    expect(sql('postgres', storage)).toBe('FALSE');
    const matches: Rule = { kind: 'matches', column: 'code', pattern: '^[a-z]+$' };
    expect(ruleSupported(DIALECTS.sqlite, { kind: 'any', rules: [matches] })).toBe(false);
    expect(ruleSupported(DIALECTS.postgres, matches)).toBe(true);
    expect(sql('postgres', matches)).toBe(`"r"."code" IS NOT NULL AND ("r"."code")::text ~ '^[a-z]+$'`);
    expect(sql('mysql', matches)).toBe("`r`.`code` IS NOT NULL AND `r`.`code` REGEXP '(?-i)^[a-z]+$'");
    expect(() => sql('sqlite', matches)).toThrow(/no regular expressions/);
  });

  it('combines rules, and negates with NULL counted as false', () => {
    const rule: Rule = { kind: 'not', rule: { kind: 'all', rules: [{ kind: 'isNull', column: 'a' }, { kind: 'compare', column: 'b', operator: '>=', value: 3 }] } };
    expect(sql('sqlite', rule)).toBe('NOT COALESCE((("r"."a" IS NULL) AND ("r"."b" >= 3)), 0)');
    expect(sql('postgres', { kind: 'any', rules: [] })).toBe('FALSE');
  });

  it('judges duplicates and missing references against the whole table', () => {
    expect(sql('postgres', { kind: 'duplicate', columns: ['email'] })).toBe(
      '"r"."email" IN (SELECT "email" FROM "app"."users" WHERE "email" IS NOT NULL GROUP BY "email" HAVING COUNT(*) > 1)');
    expect(sql('mysql', { kind: 'duplicate', columns: ['a', 'b'] })).toBe(
      '(`r`.`a`, `r`.`b`) IN (SELECT `a`, `b` FROM `app`.`users` WHERE `a` IS NOT NULL AND `b` IS NOT NULL GROUP BY `a`, `b` HAVING COUNT(*) > 1)');
    expect(sql('sqlite', { kind: 'missingReference', columns: ['parentId'], targetTable: 'app.users', targetColumns: ['id'] })).toBe(
      '"r"."parentId" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "app"."users" AS "vr_target" WHERE "vr_target"."id" = "r"."parentId")');
  });
});
