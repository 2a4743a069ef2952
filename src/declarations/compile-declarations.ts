import type { ColumnMetadata, EntityMetadata } from '../datasource/typeorm-types';
import type { DialectName, Rule } from '../rules';
import type { Check } from './checks';
import { sqliteTypeRule } from './sqlite-types';

export type DeclarationConstraint = 'columnNullable' | 'columnLength' | 'columnEnum' | 'columnType' | 'unique' | 'foreignKey';

/** One thing an entity declares, as a rule for the rows that break it and the finding they get. */
export interface Declaration {
  constraint: DeclarationConstraint;
  /** Property path; for unique the properties joined by ","; for foreignKey the relation's. */
  property: string;
  rule: Rule;
  /** Row rules are checked together in one query; set rules (unique, foreignKey) one query each. */
  set: boolean;
  /** The columns whose values the finding carries (and the foreignKey message quotes). */
  columns: string[];
  message(values: unknown[]): string;
}

const MAX_LISTED_VALUES = 10;

/** The declarations of an entity's table under these checks (validators are not declarations). */
export function compileDeclarations(metadata: EntityMetadata, dialect: DialectName, checks: Check[]): Declaration[] {
  const declarations: Declaration[] = [];
  if (checks.includes('columns')) {
    for (const column of metadata.columns) {
      if (column.isVirtualProperty) continue;
      declarations.push(...columnDeclarations(column, dialect));
    }
  }
  if (checks.includes('unique')) declarations.push(...uniqueDeclarations(metadata));
  if (checks.includes('relations')) declarations.push(...foreignKeyDeclarations(metadata));
  return declarations;
}

function columnDeclarations(column: ColumnMetadata, dialect: DialectName): Declaration[] {
  const name = column.databaseName;
  const property = propertyOf(column);
  const type = typeof column.type === 'string' ? column.type : '';
  const found: Declaration[] = [];
  const add = (constraint: DeclarationConstraint, rule: Rule, message: string) =>
    found.push({ constraint, property, rule, set: false, columns: [name], message: () => message });
  if (!column.isNullable) add('columnNullable', { kind: 'isNull', column: name }, `${property} is NULL, but the column is not nullable`);
  const length = Number(column.length);
  if (/char/i.test(type) && Number.isInteger(length) && length > 0) {
    add('columnLength', { kind: 'length', column: name, measure: 'chars', operator: '>', limit: length },
      `${property} is longer than ${length} characters (${type}(${length}))`);
  }
  if ((type === 'enum' || type === 'simple-enum') && Array.isArray(column.enum) && column.enum.length > 0) {
    const values = column.enum.map((value) => String(value));
    const listed = values.slice(0, MAX_LISTED_VALUES).join(', ') + (values.length > MAX_LISTED_VALUES ? ', ...' : '');
    add('columnEnum', { kind: 'notIn', column: name, values, asText: true }, `${property} is not one of the enum values (${listed})`);
  }
  if (dialect === 'sqlite') {
    const typeRule = sqliteTypeRule(type, name);
    if (typeRule) add('columnType', typeRule.rule, `${property} holds ${typeRule.holds} (${type})`);
  }
  return found;
}

/** Unique constraints, unique columns and unique indices (partial ones left out: their WHERE is the database's SQL). */
function uniqueDeclarations(metadata: EntityMetadata): Declaration[] {
  const primary = sortedNames(metadata.primaryColumns);
  const seen = new Set<string>([primary]);
  const sets = [
    ...metadata.uniques.map((unique) => unique.columns),
    ...metadata.indices.filter((index) => index.isUnique && !index.where).map((index) => index.columns),
  ];
  const declarations: Declaration[] = [];
  for (const columns of sets) {
    const id = sortedNames(columns);
    if (columns.length === 0 || seen.has(id)) continue;
    seen.add(id);
    const property = [...new Set(columns.map(propertyOf))].join(',');
    const names = columns.map((column) => column.databaseName);
    const message = columns.length === 1
      ? `${property} has the same value as another row`
      : `${property} have the same values as another row`;
    declarations.push({ constraint: 'unique', property, rule: { kind: 'duplicate', columns: names }, set: true, columns: names, message: () => message });
  }
  return declarations;
}

/**
 * Many-to-one and owning one-to-one relations. A relation declared with
 * createForeignKeyConstraints: false says its values need not exist, and is left out.
 */
function foreignKeyDeclarations(metadata: EntityMetadata): Declaration[] {
  return metadata.relations
    .filter((relation) => (relation.isManyToOne || relation.isOneToOneOwner) && relation.joinColumns.length > 0 &&
      relation.createForeignKeyConstraints !== false)
    .map((relation) => {
      const columns = relation.joinColumns.map((column) => column.databaseName);
      const targetColumns = relation.joinColumns.map((column) => column.referencedColumn!.databaseName);
      const targetTable = relation.inverseEntityMetadata.tablePath;
      return {
        constraint: 'foreignKey' as const,
        property: relation.propertyPath,
        rule: { kind: 'missingReference' as const, columns, targetTable, targetColumns },
        set: true,
        columns,
        message: (values: unknown[]) =>
          `${relation.propertyPath} ${values.length === 1 ? String(values[0]) : `(${values.map(String).join(', ')})`} does not exist in ${targetTable}`,
      };
    });
}

/** A relation's join column is named after the relation (`account`), not its path to the key (`account.id`). */
function propertyOf(column: ColumnMetadata): string {
  return column.relationMetadata?.propertyPath ?? column.propertyPath;
}

function sortedNames(columns: ColumnMetadata[]): string {
  return columns.map((column) => column.databaseName).sort().join('\0');
}
