/**
 * Node module hooks (registered by register-typescript.ts; on Node 20 they run in a
 * separate thread) for ES modules: .ts files imported as ES modules are transpiled as
 * such, and a .ts file Node runs as CommonJS is required through our CommonJS loader (one
 * module cache with the rest of the process) behind a small ES wrapper naming its exports.
 * Resolution adds TypeScript's: `.js` naming a `.ts`, extensionless imports, and
 * tsconfig `paths`/`baseUrl`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { moduleFormatOf } from './module-format';
import { aliasTargets, resolveTsFile } from './path-aliases';
import { tsconfigFor } from './project-tsconfig';
import { transpileFile } from './transpile-file';
import { explainUnresolved } from './unresolved-hint';

const TYPESCRIPT = /\.(c|m)?tsx?$/;

interface ResolveContext { parentURL?: string; conditions?: string[] }
interface Resolved { url: string; format?: string | null; shortCircuit?: boolean }
interface LoadContext { format?: string | null; conditions?: string[] }
interface Loaded { format: string; source?: string | Buffer | null; shortCircuit?: boolean }

export async function resolve(
  specifier: string,
  context: ResolveContext,
  nextResolve: (specifier: string, context: ResolveContext) => Promise<Resolved>,
): Promise<Resolved> {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const parent = context.parentURL?.startsWith('file:') ? fileURLToPath(context.parentURL) : undefined;
    if ((code !== 'ERR_MODULE_NOT_FOUND' && code !== 'ERR_UNSUPPORTED_DIR_IMPORT') || !parent ||
        parent.includes(`${path.sep}node_modules${path.sep}`)) throw error;
    const relative = /^\.{1,2}\//.test(specifier) || specifier.startsWith('/') || specifier.startsWith('file:');
    const candidates = relative
      ? [specifier.startsWith('file:') ? fileURLToPath(specifier) : path.resolve(path.dirname(parent), specifier)]
      : aliasTargets(specifier, tsconfigFor(parent).options);
    for (const candidate of candidates) {
      const found = resolveTsFile(candidate);
      if (found) return { url: pathToFileURL(found).href, shortCircuit: true };
    }
    throw explainUnresolved(error as Error, specifier, relative ? [] : candidates, parent);
  }
}

export async function load(
  url: string,
  context: LoadContext,
  nextLoad: (url: string, context: LoadContext) => Promise<Loaded>,
): Promise<Loaded> {
  if (!url.startsWith('file:')) return nextLoad(url, context);
  const file = fileURLToPath(url);
  if (!TYPESCRIPT.test(file) || file.endsWith('.d.ts')) return nextLoad(url, context);
  if (moduleFormatOf(file) === 'module') {
    return { format: 'module', source: transpileFile(file, 'module'), shortCircuit: true };
  }
  return { format: 'module', source: commonJsWrapper(file), shortCircuit: true };
}

/**
 * An ES module that requires a CommonJS .ts file and re-exports what it exports, as Node
 * shows a CommonJS module to `import` (default: module.exports; named: its exports).
 */
function commonJsWrapper(file: string): string {
  const names = [...exportNames(file, new Set())].filter((name) => name !== 'default' && name !== '__esModule');
  return [
    `import { createRequire } from 'node:module';`,
    `const exported = createRequire(${JSON.stringify(pathToFileURL(file).href)})(${JSON.stringify(file)});`,
    `export default exported;`,
    ...names.map((name, i) => `const name${i} = exported[${JSON.stringify(name)}];\nexport { name${i} as ${JSON.stringify(name)} };`),
  ].join('\n');
}

/** The names TypeScript's CommonJS output assigns to `exports`, following `export * from './x'`. */
function exportNames(file: string, seen: Set<string>): Set<string> {
  const names = new Set<string>();
  if (seen.has(file)) return names;
  seen.add(file);
  const code = TYPESCRIPT.test(file) ? transpileFile(file, 'commonjs') : fs.readFileSync(file, 'utf8');
  for (const match of code.matchAll(/\bexports\.([A-Za-z_$][\w$]*)\s*=/g)) names.add(match[1]);
  for (const match of code.matchAll(/Object\.defineProperty\(exports,\s*"([^"]+)"/g)) names.add(match[1]);
  for (const match of code.matchAll(/__exportStar\(require\("(\.{1,2}\/[^"]+)"\)/g)) {
    const target = resolveTsFile(path.resolve(path.dirname(file), match[1]));
    if (target) for (const name of exportNames(target, seen)) names.add(name);
  }
  return names;
}
