import type { DataSource, EntityMetadata } from '../datasource/typeorm-types';
import type { Declaration } from '../declarations/compile-declarations';
import { ruleToSql, simplifyRule, type Rule, type SqlDialect } from '../rules';
import type { PushdownClass } from '../report/model';
import type { ClassPlan } from '../validation/plan/class-plan';
import { classCandidates } from './class-prefilter';
import { hydrationCannotThrow } from './value-kind';

export type { PushdownClass };

export interface TablePrefilter {
  /** The predicate P over the table's columns (unqualified: the scan reads the table without alias); absent: read every row. */
  sql?: string;
  classes: PushdownClass[];
}

/**
 * The prefilter P of a table: TRUE for every row that could fail hydration, a class's
 * validators or a declaration check (a superset, never a subset), so rows outside P are
 * valid by construction. One class without proof makes the whole table read, as without
 * pushdown. Every class of the table (its entity and STI children) is OR-ed in: a row is
 * judged by its own class, which is one of them.
 */
export function tablePrefilter(
  dataSource: DataSource,
  dialect: SqlDialect,
  root: EntityMetadata,
  planFor: ((target: Function) => ClassPlan) | undefined,
  declarations: Declaration[],
  /** The scan reads keys only (no validators to run): no hydration can fail. */
  keysOnly = false,
): TablePrefilter {
  const family = [root, ...root.childEntityMetadatas];
  const classes: PushdownClass[] = [];
  const rules: Rule[] = declarations.map((declaration) => declaration.rule);
  const tableReason = root.afterLoadListeners.length > 0 ? `${root.name} has an @AfterLoad listener` : undefined;
  for (const metadata of family) {
    const className = typeof metadata.target === 'function' ? metadata.target.name : String(metadata.name);
    const reason = keysOnly ? undefined : tableReason ?? hydrationReason(metadata) ?? (planFor && candidatesReason(metadata, rules));
    classes.push(reason ? { className, pushed: false, reason } : { className, pushed: true });
  }
  if (classes.some((c) => !c.pushed)) return { classes };
  const context = { table: root.tablePath, alias: unqualifiedName(root.tablePath) };
  return { sql: ruleToSql(dialect, simplifyRule({ kind: 'any', rules }, dialect.name), context), classes };

  function candidatesReason(metadata: EntityMetadata, into: Rule[]): string | undefined {
    if (typeof metadata.target !== 'function') return `${metadata.name} has no class`;
    const candidates = classCandidates(dataSource, dialect.name, metadata, planFor!(metadata.target));
    if ('reason' in candidates) return candidates.reason;
    into.push(candidates.rule);
    return undefined;
  }
}

function hydrationReason(metadata: EntityMetadata): string | undefined {
  for (const column of metadata.columns) {
    if ((column as { isVirtualProperty?: boolean }).isVirtualProperty || column.isVirtual) continue;
    const reason = hydrationCannotThrow(column);
    if (reason) return reason;
  }
  return undefined;
}

/** The name a query refers to its table by when it gives no alias: the last part of its path. */
function unqualifiedName(tablePath: string): string {
  const parts = tablePath.split('.');
  return parts[parts.length - 1];
}
