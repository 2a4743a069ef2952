import * as fs from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Why a module exports no DataSource, when the reason is TypeORM 0.2: the project's typeorm
 * is older than 0.3 (no DataSource class), or the module exports what 0.2 used instead
 * (ormconfig-style connection options, or a Connection). undefined when neither applies.
 */
export function legacyTypeormReason(exports: Record<string, unknown>, file: string): string | undefined {
  const version = projectTypeormVersion(file);
  const old = version !== undefined && /^0\.[0-2]\./.test(version);
  const shape = legacyShape(exports);
  if (!old && !shape) return undefined;
  const found = version === undefined ? 'no typeorm package is found from it' : `the typeorm found from it is ${version}`;
  return `The data source module ${file} ${shape ?? 'exports no TypeORM DataSource'}, and ${found}: validate-records needs TypeORM 0.3 or newer, whose DataSource replaced 0.2's connections and ormconfig. Export a \`new DataSource({...})\` (TypeORM 0.3+).`;
}

function projectTypeormVersion(file: string): string | undefined {
  try {
    const manifest = createRequire(file).resolve('typeorm/package.json');
    return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

function legacyShape(exports: Record<string, unknown>): string | undefined {
  const values = 'default' in exports ? [exports.default] : Object.values(exports);
  for (const value of values) {
    if (!value || typeof value !== 'object') continue;
    const candidate = value as Record<string, unknown>;
    if (typeof candidate.connect === 'function' && typeof candidate.options === 'object' && typeof candidate.initialize !== 'function') {
      return 'exports a TypeORM 0.2 Connection';
    }
    if (typeof candidate.type === 'string' && ('entities' in candidate || 'database' in candidate || 'url' in candidate || 'host' in candidate)) {
      return 'exports connection options (TypeORM 0.2\'s ormconfig shape), not a DataSource';
    }
  }
  return undefined;
}
