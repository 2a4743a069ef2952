import { createRequire } from 'node:module';

/**
 * Loads a package the way the user's project sees it (from the data source module's
 * folder), so decorators and the scan share one instance; falls back to our own copy.
 */
export function requireFromProject<T>(name: string, projectFile: string): T | undefined {
  for (const load of [createRequire(projectFile), require]) {
    try {
      return load(name) as T;
    } catch (error) {
      if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND') throw error;
    }
  }
  return undefined;
}
