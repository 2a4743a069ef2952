import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { UserError } from '../errors';
import { consoleToStderr } from './console-to-stderr';
import { loadFailure } from './load-failure';
import { moduleFormatOf } from './module-format';
import { registerTypeScript, registerTypeScriptEsm } from './register-typescript';

const TYPESCRIPT_FILE = /\.(c|m)?tsx?$/;

// TypeScript would turn a plain import() into require(); ESM-only modules need the real one.
// Made when needed: a process run with --disallow-code-generation-from-strings only fails here.
const importEsm = (specifier: string): Promise<unknown> =>
  (new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>)(specifier);

/**
 * Loads a user module (.ts, .mts, .cts, .js, .cjs or .mjs) under the module system Node
 * gives it (package.json "type" and the extension) and returns its exports.
 */
export async function loadUserModule(file: string, role: string): Promise<Record<string, unknown>> {
  const absolute = path.resolve(file);
  if (!fs.existsSync(absolute)) {
    throw new UserError(`The ${role} module ${absolute} does not exist. Check the path (it is resolved from ${process.cwd()}).`);
  }
  if (fs.statSync(absolute).isDirectory()) {
    throw new UserError(`The ${role} module ${absolute} is a folder; name the file that exports it (such as ${path.join(absolute, 'data-source.ts')}).`);
  }
  const typescript = TYPESCRIPT_FILE.test(absolute);
  if (typescript) registerTypeScript();
  const restoreConsole = consoleToStderr();
  try {
    if (typescript && moduleFormatOf(absolute) === 'module') {
      registerTypeScriptEsm();
      return (await importEsm(pathToFileURL(absolute).href)) as Record<string, unknown>;
    }
    try {
      return require(absolute) as Record<string, unknown>;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== 'ERR_REQUIRE_ESM' && code !== 'ERR_REQUIRE_ASYNC_MODULE') throw error;
      return (await importEsm(pathToFileURL(absolute).href)) as Record<string, unknown>;
    }
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw loadFailure(error, role, absolute);
  } finally {
    restoreConsole();
  }
}
