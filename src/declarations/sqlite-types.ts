import type { Rule } from '../rules';

/**
 * What SQLite lets into a column that the declared type cannot hold (SQLite stores any
 * value in any column): a rule for the rows holding one, and how the message names it.
 * Types not listed (text, dates, json, blobs) accept whatever SQLite returns for them.
 */
export function sqliteTypeRule(type: string, column: string): { rule: Rule; holds: string } | undefined {
  const name = type.toLowerCase();
  if (name === 'boolean') {
    return {
      rule: { kind: 'any', rules: [{ kind: 'storageClass', column, classes: ['text', 'blob', 'real'] }, { kind: 'notIn', column, values: [0, 1] }] },
      holds: 'a value other than 0 or 1',
    };
  }
  if (/int/.test(name)) {
    return { rule: { kind: 'storageClass', column, classes: ['text', 'blob', 'real'] }, holds: 'text, a blob or a fraction, not an integer' };
  }
  if (/real|double|float|decimal|numeric/.test(name)) {
    return { rule: { kind: 'storageClass', column, classes: ['text', 'blob'] }, holds: 'text or a blob, not a number' };
  }
  return undefined;
}
