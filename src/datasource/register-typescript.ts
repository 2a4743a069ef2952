import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as TypeScript from 'typescript';

/**
 * Lets `require` load the user's .ts modules the way TypeORM projects are written:
 * legacy decorators with decorator metadata (`@Column() title: string` needs the
 * `design:type` metadata that esbuild-style transpilers do not emit).
 *
 * Each file is transpiled on its own with the user's tsconfig (found from the file)
 * and cached on disk by content, so forked workers usually skip loading TypeScript.
 */

const TS_EXTENSIONS = ['.ts', '.cts', '.mts', '.tsx'];
const CACHE_DIR = path.join(os.tmpdir(), `validate-records-ts-${process.getuid?.() ?? 'user'}`);

let registered = false;
let typescript: typeof TypeScript | undefined;
const optionsByConfig = new Map<string, TypeScript.CompilerOptions>();

export function registerTypeScript(): void {
  if (registered) return;
  registered = true;
  const extensions = (Module as unknown as { _extensions: Record<string, Function> })._extensions;
  for (const extension of TS_EXTENSIONS) {
    if (extensions[extension]) continue; // ts-node or similar already did it
    extensions[extension] = (module: { _compile(code: string, file: string): void }, filename: string) => {
      module._compile(transpileFile(filename), filename);
    };
  }
  resolveJsImportsToTs();
}

function loadTypeScript(): typeof TypeScript {
  typescript ??= require('typescript') as typeof TypeScript;
  return typescript;
}

function transpileFile(filename: string): string {
  const source = fs.readFileSync(filename, 'utf8');
  const configPath = findTsconfig(path.dirname(filename));
  const configText = configPath ? fs.readFileSync(configPath, 'utf8') : '';
  const key = crypto
    .createHash('sha1')
    .update(`${filename}\0${configPath}\0${configText}\0${source}`)
    .digest('hex');
  const cached = path.join(CACHE_DIR, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // not cached yet
  }
  const ts = loadTypeScript();
  const output = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: compilerOptionsFor(configPath),
    reportDiagnostics: true,
  });
  const syntaxErrors = (output.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (syntaxErrors.length > 0) {
    const first = syntaxErrors[0];
    const where = first.file && first.start !== undefined
      ? `:${first.file.getLineAndCharacterOfPosition(first.start).line + 1}`
      : '';
    throw new SyntaxError(`${filename}${where}: ${ts.flattenDiagnosticMessageText(first.messageText, ' ')}`);
  }
  writeCache(cached, output.outputText);
  return output.outputText;
}

function writeCache(file: string, text: string): void {
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, file);
  } catch {
    // a cache that cannot be written only costs time
  }
}

function findTsconfig(directory: string): string | undefined {
  for (let dir = directory; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'tsconfig.json');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir || path.basename(dir) === 'node_modules') return undefined;
  }
}

function compilerOptionsFor(configPath: string | undefined): TypeScript.CompilerOptions {
  const cacheKey = configPath ?? '';
  const known = optionsByConfig.get(cacheKey);
  if (known) return known;
  const ts = loadTypeScript();
  let userOptions: TypeScript.CompilerOptions = {};
  if (configPath) {
    const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: () => undefined,
    });
    userOptions = parsed?.options ?? {};
  }
  const options: TypeScript.CompilerOptions = {
    ...userOptions,
    // What require() can run, whatever the project builds to:
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    target: Math.max(userOptions.target ?? ts.ScriptTarget.ES2020, ts.ScriptTarget.ES2020),
    // What TypeORM's decorators need:
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    esModuleInterop: userOptions.esModuleInterop ?? true,
    sourceMap: false,
    inlineSourceMap: true,
    declaration: false,
    noEmit: false,
    isolatedModules: true,
  };
  optionsByConfig.set(cacheKey, options);
  return options;
}

/** ESM-style TypeScript imports name the output (`./post.js`) while only `./post.ts` exists. */
function resolveJsImportsToTs(): void {
  const moduleWithResolver = Module as unknown as {
    _resolveFilename(request: string, parent: unknown, ...rest: unknown[]): string;
  };
  const original = moduleWithResolver._resolveFilename;
  moduleWithResolver._resolveFilename = function (request: string, parent: unknown, ...rest: unknown[]) {
    try {
      return original.call(this, request, parent, ...rest);
    } catch (error) {
      const match = /^(\.{1,2}\/.*)\.(c|m)?js$/.exec(request);
      if (!match) throw error;
      const tsRequest = `${match[1]}.${match[2] ?? ''}ts`;
      try {
        return original.call(this, tsRequest, parent, ...rest);
      } catch {
        throw error;
      }
    }
  };
}
