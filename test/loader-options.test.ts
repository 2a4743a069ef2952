import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { emitOptions } from '../src/datasource/emit-options';
import { aliasTargets } from '../src/datasource/path-aliases';

/** The compiler options a file is transpiled with, and where tsconfig aliases lead: pure functions. */

const { ModuleKind, ModuleResolutionKind, ScriptTarget } = ts;

function transpiles(options: ts.CompilerOptions, fileName: string): string {
  const output = ts.transpileModule(`import { a } from './a.js';\nexport const b = a;\n`, { fileName, compilerOptions: options, reportDiagnostics: true });
  expect((output.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '))).toEqual([]);
  return output.outputText;
}

describe('emitOptions', () => {
  it('keeps NestJS 11\'s nodenext settings in a CommonJS package, where they emit CommonJS', () => {
    const project = { module: ModuleKind.NodeNext, moduleResolution: ModuleResolutionKind.NodeNext, resolvePackageJsonExports: true, customConditions: ['dev'], target: ScriptTarget.ES2023 };
    const options = emitOptions(ts, project, 'commonjs', '/app/src/data-source.ts');
    expect(options).toMatchObject(project);
    expect(transpiles(options, '/app/src/data-source.ts')).toContain('exports.b');
  });

  it('replaces an ES module kind in a CommonJS package, with the resolution settings CommonJS allows', () => {
    const options = emitOptions(ts, { module: ModuleKind.ESNext, moduleResolution: ModuleResolutionKind.Bundler, resolvePackageJsonImports: true, customConditions: ['dev'], verbatimModuleSyntax: true }, 'commonjs', '/app/x.ts');
    expect(options).toMatchObject({ module: ModuleKind.CommonJS, moduleResolution: ModuleResolutionKind.Node10 });
    expect(options.customConditions).toBeUndefined();
    expect(transpiles(options, '/app/x.ts')).toContain('require("./a.js")');
  });

  it('emits ES modules for a .ts file of a "type": "module" package under nodenext, keeping resolvePackageJsonExports valid', () => {
    const options = emitOptions(ts, { module: ModuleKind.NodeNext, moduleResolution: ModuleResolutionKind.NodeNext, resolvePackageJsonExports: true }, 'module', '/app/x.ts');
    expect(options).toMatchObject({ module: ModuleKind.ESNext, moduleResolution: ModuleResolutionKind.Bundler, resolvePackageJsonExports: true });
    expect(transpiles(options, '/app/x.ts')).toContain(`import { a } from './a.js'`);
  });

  it('keeps nodenext for an .mts file, which TypeScript itself emits as an ES module', () => {
    const options = emitOptions(ts, { module: ModuleKind.NodeNext, moduleResolution: ModuleResolutionKind.NodeNext }, 'module', '/app/x.mts');
    expect(options.module).toBe(ModuleKind.NodeNext);
    expect(transpiles(options, '/app/x.mts')).toContain('export const b');
  });

  it('forces only the decorator settings: esModuleInterop and useDefineForClassFields stay as the project leaves them', () => {
    const options = emitOptions(ts, { module: ModuleKind.CommonJS }, 'commonjs', '/app/x.ts');
    expect(options).toMatchObject({ experimentalDecorators: true, emitDecoratorMetadata: true, target: ScriptTarget.ES2020 });
    expect(options.esModuleInterop).toBeUndefined();
    expect(options.useDefineForClassFields).toBeUndefined();
    expect(emitOptions(ts, { esModuleInterop: false, target: ScriptTarget.ES2017 }, 'commonjs', '/app/x.ts')).toMatchObject({ esModuleInterop: false, target: ScriptTarget.ES2017, module: ModuleKind.CommonJS });
  });

  it('without a tsconfig, emits CommonJS for a CommonJS file (the ES2020 default target would otherwise mean ES modules)', () => {
    expect(transpiles(emitOptions(ts, {}, 'commonjs', '/app/x.ts'), '/app/x.ts')).toContain('exports.b');
  });
});

describe('aliasTargets', () => {
  const options = { baseUrl: '/app', paths: { '@/*': ['src/*'], '@/entities/*': ['src/db/entities/*', 'legacy/entities/*'], config: ['src/config/index.ts'] } };

  it('takes the pattern with the longest prefix, each substitution in order, then baseUrl', () => {
    expect(aliasTargets('@/entities/user', options)).toEqual(['/app/src/db/entities/user', '/app/legacy/entities/user', '/app/@/entities/user']);
    expect(aliasTargets('@/users/user.entity', options)).toEqual(['/app/src/users/user.entity', '/app/@/users/user.entity']);
  });

  it('matches a pattern without * exactly, and leaves relative imports alone', () => {
    expect(aliasTargets('config', options)).toEqual(['/app/src/config/index.ts', '/app/config']);
    expect(aliasTargets('./config', options)).toEqual([]);
  });

  it('resolves paths from the tsconfig\'s folder when it sets no baseUrl', () => {
    expect(aliasTargets('@/x', { paths: { '@/*': ['./src/*'] }, pathsBasePath: '/repo' } as ts.CompilerOptions)).toEqual(['/repo/src/x']);
  });
});
