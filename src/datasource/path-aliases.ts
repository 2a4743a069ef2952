import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TypeScript from 'typescript';

/**
 * Where tsconfig `paths` and `baseUrl` send a bare import, as TypeScript resolves them:
 * the `paths` pattern with the longest prefix before its `*`, each of its substitutions in
 * order, then the request under `baseUrl`. Absolute paths without an extension; the callers
 * find the file (resolveTsFile or Node's own CommonJS lookup).
 */
export function aliasTargets(request: string, options: TypeScript.CompilerOptions): string[] {
  if (request.startsWith('.') || path.isAbsolute(request) || request.startsWith('node:')) return [];
  const targets: string[] = [];
  const paths = options.paths;
  const base = options.baseUrl ?? (options as { pathsBasePath?: string }).pathsBasePath;
  if (paths && base) {
    const match = bestPattern(request, Object.keys(paths));
    if (match) {
      for (const substitution of paths[match.pattern]) {
        targets.push(path.resolve(base, substitution.replace('*', match.star)));
      }
    }
  }
  if (options.baseUrl) targets.push(path.resolve(options.baseUrl, request));
  return targets;
}

function bestPattern(request: string, patterns: string[]): { pattern: string; star: string } | undefined {
  let best: { pattern: string; star: string; prefix: number } | undefined;
  for (const pattern of patterns) {
    const star = pattern.indexOf('*');
    if (star < 0) {
      if (pattern === request) return { pattern, star: '' };
      continue;
    }
    const prefix = pattern.slice(0, star);
    const suffix = pattern.slice(star + 1);
    if (request.length >= prefix.length + suffix.length && request.startsWith(prefix) && request.endsWith(suffix) &&
        (!best || prefix.length > best.prefix)) {
      best = { pattern, star: request.slice(prefix.length, request.length - suffix.length), prefix: prefix.length };
    }
  }
  return best;
}

const TS_SUFFIXES = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json'];

/**
 * The file TypeScript's resolution would pick for a path written without extension or with
 * the output's `.js` (as ESM TypeScript is written): the path itself, with a suffix, the
 * `.ts` behind a `.js`, or the folder's index.
 */
export function resolveTsFile(target: string): string | undefined {
  if (isFile(target)) return target;
  const js = /\.(m|c)?js$/.exec(target);
  if (js) {
    const ts = `${target.slice(0, -js[0].length)}.${js[1] ?? ''}ts`;
    if (isFile(ts)) return ts;
    if (!js[1] && isFile(`${ts}x`)) return `${ts}x`;
  }
  for (const suffix of TS_SUFFIXES) if (isFile(target + suffix)) return target + suffix;
  for (const suffix of TS_SUFFIXES) {
    const index = path.join(target, `index${suffix}`);
    if (isFile(index)) return index;
  }
  return undefined;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
