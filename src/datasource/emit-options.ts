import type * as TypeScript from 'typescript';
import type { ModuleFormat } from './module-format';

type Ts = typeof TypeScript;

/**
 * The compiler options a file is transpiled with: the project's own, with two forced on
 * (TypeORM's decorators need legacy decorators and their `design:type` metadata) and the
 * output made runnable in-process (inline source map, no declarations). `module` is kept
 * when it already emits the system Node runs the file under (see moduleFormatOf); only
 * when it does not is it replaced, with the resolution settings TypeScript then requires.
 */
export function emitOptions(ts: Ts, project: TypeScript.CompilerOptions, format: ModuleFormat, fileName: string): TypeScript.CompilerOptions {
  const options: TypeScript.CompilerOptions = {
    ...project,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    target: project.target ?? ts.ScriptTarget.ES2020,
    sourceMap: false,
    inlineSourceMap: true,
    inlineSources: false,
    declaration: false,
    declarationMap: false,
    composite: false,
    incremental: false,
    noEmit: false,
    emitDeclarationOnly: false,
    // The code runs where its source is: source map paths must be relative to the .ts file.
    outDir: undefined,
    outFile: undefined,
    rootDir: undefined,
    sourceRoot: undefined,
    mapRoot: undefined,
    // Only allowed without emit; our resolvers find './entity.ts' imports either way.
    allowImportingTsExtensions: false,
  };
  // The target decides the default module kind: judge the options as they will be used.
  if (!emitsFormat(ts, options, format, fileName)) {
    if (format === 'commonjs') {
      options.module = ts.ModuleKind.CommonJS;
      options.moduleResolution = ts.ModuleResolutionKind.Node10;
      // Node10 resolution rejects these (and verbatimModuleSyntax rejects CommonJS output of import syntax).
      delete options.resolvePackageJsonExports;
      delete options.resolvePackageJsonImports;
      delete options.customConditions;
      delete options.verbatimModuleSyntax;
    } else {
      options.module = ts.ModuleKind.ESNext;
      if (isNodeResolution(ts, project.moduleResolution)) options.moduleResolution = ts.ModuleResolutionKind.Bundler;
    }
  }
  return options;
}

/**
 * Whether transpileModule, given the project's `module`, emits the format Node will run.
 * Under node16..nodenext it picks the format from the extension alone (it cannot see
 * package.json): ES modules for .mts, CommonJS otherwise.
 */
function emitsFormat(ts: Ts, project: TypeScript.CompilerOptions, format: ModuleFormat, fileName: string): boolean {
  const kind = project.module ?? defaultModule(ts, project.target);
  if (kind >= ts.ModuleKind.Node16 && kind <= ts.ModuleKind.NodeNext) {
    return (format === 'module') === /\.mts$/.test(fileName);
  }
  if (format === 'commonjs') return kind === ts.ModuleKind.CommonJS;
  return (kind >= ts.ModuleKind.ES2015 && kind <= ts.ModuleKind.ESNext) || kind === ts.ModuleKind.Preserve;
}

/** TypeScript's own default: CommonJS below ES2015, ES2015 modules from it on. */
function defaultModule(ts: Ts, target: TypeScript.ScriptTarget | undefined): TypeScript.ModuleKind {
  return target === undefined || target < ts.ScriptTarget.ES2015 ? ts.ModuleKind.CommonJS : ts.ModuleKind.ES2015;
}

function isNodeResolution(ts: Ts, resolution: TypeScript.ModuleResolutionKind | undefined): boolean {
  return resolution === ts.ModuleResolutionKind.Node16 || resolution === ts.ModuleResolutionKind.NodeNext;
}
