import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECLARATION_ENTITIES } from '../fixtures/declarations/entities';
import { compileDeclarations } from '../src/declarations/compile-declarations';
import { checksFor, parseChecks } from '../src/declarations/checks';

describe('declarations compiled from EntityMetadata', () => {
  const dataSource = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: DECLARATION_ENTITIES });
  beforeAll(() => dataSource.initialize());
  afterAll(() => dataSource.destroy());
  const compiled = (entity: string, dialect: 'sqlite' | 'postgres', checks = parseChecks('columns,unique,relations', 'test')) =>
    compileDeclarations(dataSource.getMetadata(entity), dialect, checks).map((d) => `${d.property}:${d.constraint}`).sort();

  it('reads nullability, length, enum, SQLite types, unique sets and relations', () => {
    expect(compiled('Account', 'sqlite')).toEqual([
      'active:columnNullable', 'active:columnType', 'email:columnLength', 'email:columnNullable', 'email:unique',
      'id:columnNullable', 'id:columnType', 'number:columnType', 'region,number:unique', 'score:columnType',
      'status:columnEnum', 'status:columnNullable',
    ]);
    expect(compiled('Transfer', 'postgres')).toEqual([
      'account:columnNullable', 'account:foreignKey', 'id:columnNullable', 'membership:foreignKey', 'parent:foreignKey',
      'reviewer:foreignKey', 'reviewer:unique',
    ]);
  });

  it('compiles only the checks asked for, and servers get no storage-class rules', () => {
    expect(compiled('Account', 'postgres', ['unique'])).toEqual(['email:unique', 'region,number:unique']);
    expect(compiled('Transfer', 'sqlite', ['relations'])).toEqual(['account:foreignKey', 'membership:foreignKey', 'parent:foreignKey', 'reviewer:foreignKey']);
    expect(compiled('Account', 'postgres', ['columns']).filter((d) => d.endsWith('columnType'))).toEqual([]);
  });

  it('picks a table\'s checks: exact names over globs, globs in order, else the default', () => {
    const selection = { checks: parseChecks(['validators', 'unique'], 'test'), tables: [
      { name: 'acc*', checks: parseChecks('columns', 'test') },
      { name: 'Account', checks: parseChecks('relations', 'test') },
    ] };
    expect(checksFor(selection, 'Account', 'accounts')).toEqual(['relations']);
    expect(checksFor(selection, 'Accrual', 'accruals')).toEqual(['columns']);
    expect(checksFor(selection, 'Transfer', 'transfers')).toEqual(['validators', 'unique']);
    expect(() => parseChecks('', '--checks')).toThrow(/--checks is empty/);
  });
});
