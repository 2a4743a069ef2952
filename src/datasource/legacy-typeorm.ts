import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

/**
 * Why a module exports no DataSource, when the reason is TypeORM 0.2: the project's typeorm
 * is older than 0.3 (no DataSource class), or the module exports what 0.2 used instead
 * (ormconfig-style connection options, or a Connection). undefined when neither applies.
 */
export function legacyTypeormReason(exports: Record<string, unknown>, file: string): string | undefined {
  const version = projectTypeormVersion(file);
  const old = version !== undefined && /^0\.[0-2]\./.test(version);
  const shape = legacyShape(exports);
  // With TypeORM 0.3+ installed, options or a Connection-like export is a plain mistake, not a version problem.
  if (!old && (version !== undefined || !shape)) return undefined;
  const found = version === undefined ? 'no typeorm package is found from it' : `the typeorm found from it is ${version}`;
  return `The data source module ${file} ${shape ?? 'exports no TypeORM DataSource'}, and ${found}: validate-records needs TypeORM 0.3 or newer, whose DataSource replaced 0.2's connections and ormconfig. Export a \`new DataSource({...})\` (TypeORM 0.3+).`;
}

function projectTypeormVersion(file: string): string | undefined {
  let dir: string;
  try {
    // Not 'typeorm/package.json': TypeORM 0.3+ "exports" does not list it.
    dir = path.dirname(createRequire(file).resolve('typeorm'));
  } catch {
    return undefined;
  }
  for (; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'typeorm') return manifest.version;
    } catch {
      // no package.json here
    }
  }
  return undefined;
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
