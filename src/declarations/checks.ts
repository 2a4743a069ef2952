import { UserError } from '../errors';
import { globToRegExp } from '../inventory/select-tables';

/**
 * What a run checks: `validators` (class-validator decorators), `columns` (columnNullable,
 * columnLength, columnEnum, columnType), `unique` and `relations` (foreignKey), declared by
 * the entities' TypeORM metadata. --checks or the config's "checks" set the default; a
 * table rule's "checks" replaces it for the tables it names.
 */
export type Check = 'validators' | 'columns' | 'unique' | 'relations';
export const ALL_CHECKS: Check[] = ['validators', 'columns', 'unique', 'relations'];

export interface CheckSelection {
  checks: Check[];
  /** Per entity or table name (globs allowed), from the config's "tables" rules, in file order. */
  tables: Array<{ name: string; checks: Check[] }>;
}

export const DEFAULT_CHECKS: CheckSelection = { checks: ALL_CHECKS, tables: [] };

/** A list such as "validators,unique" (or an array of names) as checks; `where` names its origin for the error. */
export function parseChecks(value: unknown, where: string): Check[] {
  const names = Array.isArray(value)
    ? value.flatMap((item) => (typeof item === 'string' ? item.split(',') : [item]))
    : typeof value === 'string' ? value.split(',') : undefined;
  const allowed = ALL_CHECKS.map((check) => `"${check}"`).join(', ');
  if (!names) throw new UserError(`${where} must be a list of checks among ${allowed}, such as "validators,unique"; got ${JSON.stringify(value)}.`);
  const trimmed = names.map((name) => (typeof name === 'string' ? name.trim() : name)).filter((name) => name !== '');
  const unknown = trimmed.filter((name) => !ALL_CHECKS.includes(name as Check));
  if (unknown.length > 0) {
    throw new UserError(`${where} names unknown ${unknown.length === 1 ? 'check' : 'checks'} ${unknown.map((n) => JSON.stringify(n)).join(', ')}; the checks are ${allowed}.`);
  }
  if (trimmed.length === 0) throw new UserError(`${where} is empty; name at least one of ${allowed}.`);
  return ALL_CHECKS.filter((check) => trimmed.includes(check));
}

/** The checks of one table: a rule named exactly after its entity or table wins over globs, globs apply in file order. */
export function checksFor(selection: CheckSelection, entity: string, table: string): Check[] {
  const exact = selection.tables.find((rule) => rule.name === entity || rule.name === table);
  if (exact) return exact.checks;
  const glob = selection.tables.find((rule) => {
    const pattern = globToRegExp(rule.name);
    return pattern.test(entity) || pattern.test(table);
  });
  return glob?.checks ?? selection.checks;
}
