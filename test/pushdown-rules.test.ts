import { describe, expect, it } from 'vitest';
import { constraintCandidates } from '../src/pushdown/constraint-candidates';
import { valueKind } from '../src/pushdown/value-kind';
import { DIALECTS, ruleToSql, simplifyRule, type Rule } from '../src/rules';

/** The SQL text of the prefilter's pieces; their verdicts are proven in pushdown.test.ts against real databases. */
const context = { table: 't', alias: 't' };

describe('pushdown rules as SQL', () => {
  it('looks for a text byte for byte, whatever the collation', () => {
    const rule: Rule = { kind: 'containsText', column: 'c', texts: ['\uFE0F'] };
    expect(ruleToSql(DIALECTS.sqlite, rule, context)).toBe(`instr(CAST("t"."c" AS BLOB), CAST('\uFE0F' AS BLOB)) > 0`);
    expect(ruleToSql(DIALECTS.postgres, rule, context)).toBe(`strpos(("t"."c")::text COLLATE "C", '\uFE0F') > 0`);
    expect(ruleToSql(DIALECTS.mysql, rule, context)).toBe("LOCATE(BINARY '\uFE0F', BINARY CONVERT(`t`.`c` USING utf8mb4)) > 0");
    expect(ruleToSql(DIALECTS.sqlite, { kind: 'containsText', column: 'c', texts: [] }, context)).toBe('0');
  });

  it('flattens nested alternatives and drops repeated ones', () => {
    const typeTest: Rule = { kind: 'storageClass', column: 'c', classes: ['blob'] };
    const rule: Rule = { kind: 'any', rules: [{ kind: 'any', rules: [typeTest, { kind: 'isNull', column: 'c' }] }, { kind: 'any', rules: [typeTest] }] };
    expect(simplifyRule(rule)).toEqual({ kind: 'any', rules: [typeTest, { kind: 'isNull', column: 'c' }] });
    expect(simplifyRule({ kind: 'any', rules: [typeTest] })).toEqual(typeTest);
  });

  it('merges one column\'s length bounds into one test, and NULL into the storage class on SQLite only', () => {
    const bytes = (operator: '>' | '=' | '<', limit: number): Rule => ({ kind: 'length', column: 'c', measure: 'bytes', operator, limit });
    const isNull: Rule = { kind: 'isNull', column: 'c' };
    const notText: Rule = { kind: 'storageClass', column: 'c', classes: ['integer', 'real', 'blob'] };
    const rule: Rule = { kind: 'any', rules: [isNull, notText, bytes('>', 120), bytes('=', 0)] };
    expect(simplifyRule(rule, 'sqlite')).toEqual({ kind: 'any', rules: [
      { ...notText, classes: ['integer', 'real', 'blob', 'null'] },
      { kind: 'lengthOutside', column: 'c', measure: 'bytes', min: 1, max: 120 }] });
    expect(simplifyRule(rule, 'postgres')).toEqual({ kind: 'any', rules: [isNull, notText,
      { kind: 'lengthOutside', column: 'c', measure: 'bytes', min: 1, max: 120 }] });
    expect(simplifyRule({ kind: 'any', rules: [bytes('>', 9), bytes('>', 4)] })).toEqual(bytes('>', 4));
    expect(ruleToSql(DIALECTS.sqlite, simplifyRule(rule, 'sqlite'), { table: 't', alias: 't' }))
      .toBe(`(typeof("t"."c") <> 'text') OR (length(CAST("t"."c" AS BLOB)) NOT BETWEEN 1 AND 120)`);
  });

  it('measures MaxLength in bytes on SQLite (length() stops at a NUL) and in code points on servers', () => {
    const sqlite = ruleToSql(DIALECTS.sqlite, constraintCandidates('maxLength', [5], 'string', 'c', 'sqlite') as Rule, context);
    expect(sqlite).toContain('length(CAST("t"."c" AS BLOB)) > 5');
    expect(sqlite).toContain(`typeof("t"."c") IN ('integer', 'real', 'blob')`);
    expect(ruleToSql(DIALECTS.postgres, constraintCandidates('maxLength', [5], 'string', 'c', 'postgres') as Rule, context))
      .toContain('(octet_length("t"."c") > 5) AND (char_length("t"."c") > 5)');
  });

  it('guards every character count by the byte count it implies, so most texts are never decoded', () => {
    const minLength = ruleToSql(DIALECTS.postgres, simplifyRule(constraintCandidates('minLength', [20], 'string', 'c', 'postgres') as Rule, 'postgres'), context);
    expect(minLength).toContain('(octet_length("t"."c") < 80) AND (char_length("t"."c") < 20)');
    expect(minLength).toContain('(octet_length("t"."c") < 160) AND (char_length("t"."c") < 40) AND (strpos(');
  });

  it('does not push MinLength where the database counts bytes for characters (SQL_ASCII), nor fixed-length text on servers', () => {
    expect(constraintCandidates('minLength', [3], 'string', 'c', 'postgres', false)).toMatch(/SQL_ASCII\) counts bytes, not characters/);
    expect(constraintCandidates('isLength', [2, 5], 'string', 'c', 'postgres', false)).toMatch(/counts bytes/);
    expect(typeof constraintCandidates('maxLength', [3], 'string', 'c', 'postgres', false)).toBe('object');
    const column = { type: 'char', propertyPath: 'code', transformer: undefined } as never;
    expect(valueKind({} as never, 'postgres', column)).toBe('code is a char(n) column, which the database pads with spaces');
    expect(valueKind({} as never, 'mysql', column)).toMatch(/pads with spaces/);
  });

  it('does not translate what it cannot prove', () => {
    expect(constraintCandidates('matches', [/a/], 'string', 'c', 'sqlite')).toBe('@matches is not translated to SQL');
    expect(constraintCandidates('isIn', [['a', 1]], 'string', 'c', 'sqlite')).toMatch(/not translated/);
    expect(constraintCandidates('min', ['3'], 'number', 'c', 'postgres')).toMatch(/not translated/);
    expect(constraintCandidates('maxLength', [undefined], 'string', 'c', 'mysql')).toMatch(/not translated/);
  });
});
