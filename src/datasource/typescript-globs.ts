import * as path from 'node:path';
import { moduleFormatOf, type ModuleFormat } from './module-format';
import type { DataSource } from './typeorm-types';

/**
 * How TypeORM will load the TypeScript files of the DataSource's entity globs (subscribers
 * and migrations are dropped, see read-only-options.ts): 'module' when some will be
 * import()ed as ES modules (TypeORM's rule: .mts files, and .ts files of "type": "module"
 * packages, judged from each glob's folder before any wildcard), 'commonjs' when they are
 * all required, undefined when no glob names TypeScript files.
 */
export function typeScriptGlobFormat(dataSource: DataSource): ModuleFormat | undefined {
  const entities = (dataSource.options as unknown as { entities?: unknown }).entities;
  const patterns = (Array.isArray(entities) ? entities : Object.values(entities ?? {}))
    .filter((entry): entry is string => typeof entry === 'string' && /[cm]?ts\b/.test(entry));
  if (patterns.length === 0) return undefined;
  const esm = patterns.some((pattern) => {
    if (/mts/.test(pattern)) return true;
    const staticPart = pattern.split(/[*?{[]/)[0];
    const folder = staticPart.endsWith('/') ? staticPart : path.dirname(staticPart);
    return moduleFormatOf(path.join(path.resolve(folder), 'any.ts')) === 'module';
  });
  return esm ? 'module' : 'commonjs';
}
