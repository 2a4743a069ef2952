import type { ReadConnection } from '../consistency/read-connection';
import type { DataSource, EntityMetadata } from '../datasource/typeorm-types';
import { liveRowsCondition } from '../inventory/live-rows';
import { ruleToSql, type SqlDialect } from '../rules';
import type { KeyRange } from '../scan/key-range';
import { rangeConditions } from '../scan/keyset-query';
import type { Finding } from '../validation/flatten-errors';
import type { Declaration } from './compile-declarations';
import { rowKeyId } from './row-key-id';

const ALIAS = 'vr_row';

interface CompiledQuery {
  declarations: Declaration[];
  build(range: KeyRange): { sql: string; parameters: unknown[] };
}

/**
 * The rows of a key range that break the table's declarations, found by the database:
 * one query for all row rules (each one's verdict a 0/1 column), one per set rule (unique,
 * foreignKey), whose subqueries read the whole table whatever range the piece owns.
 */
export class DeclarationQuery {
  private readonly queries: CompiledQuery[];
  private readonly keyCount: number;
  private readonly showValues: boolean;

  constructor(
    dataSource: DataSource,
    dialect: SqlDialect,
    metadata: EntityMetadata,
    declarations: Declaration[],
    settings: { withDeleted: boolean; showValues: boolean },
  ) {
    this.showValues = settings.showValues;
    const keyColumns = metadata.primaryColumns.map((column) => column.databaseName);
    this.keyCount = keyColumns.length;
    const live = liveRowsCondition(dataSource, metadata, settings.withDeleted);
    const context = { table: metadata.tablePath, alias: ALIAS };
    const q = (name: string) => dialect.identifier(name);
    const compile = (group: Declaration[]): CompiledQuery => {
      const predicates = group.map((declaration) => ruleToSql(dialect, declaration.rule, context));
      const select = [
        ...keyColumns.map((column, index) => `${q(ALIAS)}.${q(column)} AS ${q(`k${index}`)}`),
        ...group.flatMap((declaration, d) => declaration.columns.map((column, c) => `${q(ALIAS)}.${q(column)} AS ${q(`v${d}_${c}`)}`)),
        ...(group.length > 1 ? predicates.map((predicate, d) => `CASE WHEN ${predicate} THEN 1 ELSE 0 END AS ${q(`f${d}`)}`) : []),
      ];
      const from = `SELECT ${select.join(', ')} FROM ${dialect.tablePath(metadata.tablePath)} AS ${q(ALIAS)}`;
      const order = ` ORDER BY ${keyColumns.map((column) => `${q(ALIAS)}.${q(column)}`).join(', ')}`;
      return {
        declarations: group,
        build: (range) => {
          const bounds = rangeConditions(dataSource, keyColumns, range);
          const conditions = [
            ...bounds.conditions,
            ...(live ? [live] : []),
            // Parenthesized: AND binds tighter than OR, and the range must bound every predicate.
            `(${predicates.map((predicate) => `(${predicate})`).join(' OR ')})`,
          ];
          return { sql: `${from} WHERE ${conditions.join(' AND ')}${order}`, parameters: bounds.parameters };
        },
      };
    };
    const rowRules = declarations.filter((declaration) => !declaration.set);
    this.queries = [
      ...(rowRules.length > 0 ? [compile(rowRules)] : []),
      ...declarations.filter((declaration) => declaration.set).map((declaration) => compile([declaration])),
    ];
  }

  get empty(): boolean {
    return this.queries.length === 0;
  }

  /** Each failing row's findings, by rowKeyId of its primary key. */
  async findings(connection: ReadConnection, range: KeyRange): Promise<Map<unknown, Finding[]>> {
    const byRow = new Map<unknown, Finding[]>();
    for (const query of this.queries) {
      const { sql, parameters } = query.build(range);
      const rows = (await connection.query(sql, parameters)) as Array<Record<string, unknown>>;
      const single = query.declarations.length === 1;
      for (const row of rows) {
        const key = rowKeyId(Array.from({ length: this.keyCount }, (_, index) => row[`k${index}`]));
        let findings = byRow.get(key);
        if (!findings) byRow.set(key, (findings = []));
        query.declarations.forEach((declaration, d) => {
          if (!single && Number(row[`f${d}`]) !== 1) return;
          const values = declaration.columns.map((_, c) => row[`v${d}_${c}`]);
          findings!.push({
            property: declaration.property,
            constraint: declaration.constraint,
            message: declaration.message(values),
            // Values only where asked: a foreignKey message quotes its key, as samples quote primary keys.
            value: this.showValues ? (values.length === 1 ? values[0] : values) : undefined,
          });
        });
      }
    }
    return byRow;
  }
}
