import * as fs from 'node:fs';
import { emitOptions } from './emit-options';
import type { ModuleFormat } from './module-format';
import { loadTypeScript, tsconfigFor } from './project-tsconfig';
import { contentKey, readCached, writeCached } from './transpile-cache';

/** Changes when what transpileFile emits for the same input changes. */
const CACHE_VERSION = `3:${require('typescript/package.json').version as string}`;

/** Counts for VALIDATE_RECORDS_DEBUG: how many files this process transpiled and how many it found cached. */
export const transpileCounts = { transpiled: 0, cached: 0 };

/**
 * A .ts/.mts/.cts file as JavaScript of the given module system, transpiled on its own
 * with its project's tsconfig and cached on disk by content.
 */
export function transpileFile(filename: string, format: ModuleFormat): string {
  const source = fs.readFileSync(filename, 'utf8');
  const tsconfig = tsconfigFor(filename);
  const cacheName = `${contentKey(CACHE_VERSION, filename, format, tsconfig.digest, source)}.js`;
  const cached = readCached(cacheName);
  if (cached !== undefined) {
    transpileCounts.cached++;
    return cached;
  }
  const ts = loadTypeScript();
  const output = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: emitOptions(ts, tsconfig.options, format, filename),
    reportDiagnostics: true,
  });
  const errors = (output.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    const first = errors[0];
    const where = first.file && first.start !== undefined
      ? `${filename}:${first.file.getLineAndCharacterOfPosition(first.start).line + 1}`
      : `${filename} (with the compiler options of ${tsconfig.file || 'no tsconfig.json'})`;
    throw new SyntaxError(`${where}: ${ts.flattenDiagnosticMessageText(first.messageText, ' ')}`);
  }
  transpileCounts.transpiled++;
  writeCached(cacheName, output.outputText);
  return output.outputText;
}
