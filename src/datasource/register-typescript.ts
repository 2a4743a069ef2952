import Module from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { aliasTargets } from './path-aliases';
import { tsconfigFor } from './project-tsconfig';
import { transpileCounts, transpileFile } from './transpile-file';
import { explainUnresolved } from './unresolved-hint';

/**
 * Lets this process load the user's .ts modules the way TypeORM projects are written, in
 * both module systems: `require` (CommonJS, through Node's extension table) and `import`
 * (ES modules, through module hooks, see esm-hooks.ts and registerTypeScriptEsm). Either way each file is transpiled
 * with its project's tsconfig (legacy decorators and decorator metadata forced on, see
 * emit-options.ts) and cached on disk, so forked workers and later runs skip TypeScript.
 * tsconfig `paths` and `baseUrl` imports resolve as TypeScript resolves them.
 */

const TS_EXTENSIONS = ['.ts', '.cts', '.mts', '.tsx'];
const ESM_HOOKS = path.join(__dirname, 'esm-hooks.js');

let registered = false;

export function registerTypeScript(): void {
  if (registered) return;
  registered = true;
  // Stack traces of the user's code then point at the .ts lines (transpiled code carries inline maps).
  process.setSourceMapsEnabled(true);
  const extensions = (Module as unknown as { _extensions: Record<string, Function> })._extensions;
  for (const extension of TS_EXTENSIONS) {
    if (extensions[extension]) continue; // ts-node or similar already did it
    extensions[extension] = (module: { _compile(code: string, file: string): void }, filename: string) => {
      // require() runs everything as CommonJS, an .mts file too (without import.meta or top-level await).
      module._compile(transpileFile(filename, 'commonjs'), filename);
    };
  }
  resolveLikeTypeScript();
  if (process.env.VALIDATE_RECORDS_DEBUG) {
    process.on('exit', () => process.stderr.write(
      `validate-records: [debug] pid ${process.pid}: ${transpileCounts.transpiled} TypeScript files transpiled, ${transpileCounts.cached} from the cache (CommonJS; ES modules are counted in the hooks thread)\n`));
  }
}

let esmRegistered = false;

/**
 * ES module support (esm-hooks.ts), registered only where something will be imported as an
 * ES module: the hooks thread costs each process some 0.1 s and 12 MB, which CommonJS
 * projects, the common case, do not pay.
 */
export function registerTypeScriptEsm(): void {
  registerTypeScript();
  if (esmRegistered) return;
  esmRegistered = true;
  const register = (Module as unknown as { register?: (specifier: string) => void }).register;
  register?.(pathToFileURL(ESM_HOOKS).href);
}

/**
 * CommonJS resolution with TypeScript's additions, tried when Node's own fails: `./post.js`
 * naming `./post.ts` (the ESM convention), and the project's `paths` and `baseUrl` for bare
 * imports from its own files.
 */
function resolveLikeTypeScript(): void {
  const moduleWithResolver = Module as unknown as {
    _resolveFilename(request: string, parent: { filename?: string } | undefined, ...rest: unknown[]): string;
  };
  const original = moduleWithResolver._resolveFilename;
  moduleWithResolver._resolveFilename = function (request, parent, ...rest) {
    try {
      return original.call(this, request, parent, ...rest);
    } catch (error) {
      const from = parent?.filename;
      if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND' || !from || from.includes(`${path.sep}node_modules${path.sep}`)) throw error;
      const match = /^(\.{1,2}\/.*)\.(c|m)?js$/.exec(request);
      const candidates = match ? [`${match[1]}.${match[2] ?? ''}ts`] : aliasTargets(request, tsconfigFor(from).options);
      for (const candidate of candidates) {
        try {
          return original.call(this, candidate, parent, ...rest);
        } catch {
          // the next candidate
        }
      }
      throw explainUnresolved(error as Error, request, candidates, from);
    }
  };
}
