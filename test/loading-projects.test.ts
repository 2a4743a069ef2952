import * as fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runJson } from './helpers/run-cli';
import { expectUserError } from './helpers/user-error';
import { INVALID_ROWS, SCHEMA_SQL, TempDir, createDatabase } from './helpers/temp-project';

/**
 * Projects as they are written (issue #14, and the loading points of #17): ES modules,
 * an .mts data source in a CommonJS package, a NestJS 11 app with path aliases and a .env
 * file, the project's own esModuleInterop; each loaded with plain `-d`, no preload, and
 * reported exactly in-process and with two forked workers.
 */

let tmp: TempDir;
let database: string;
const cacheDir = () => tmp.path('.transpile-cache');

/** The standard invalid rows: users 2 and 4 have a bad email, post 3 a short title. */
const STANDARD_VERDICT = { users: { rows: 4, invalid: [2, 4] }, posts: { rows: 3, invalid: [3] } };

function verdict(report: any) {
  return Object.fromEntries(report.tables.map((table: any) => [table.table, {
    rows: table.rows,
    invalid: table.samples.map((sample: any) => sample.key.id),
  }]));
}

const PROCS = [['1'], ['2', '--exact-procs']];

async function expectVerdict(args: string[], expected: object, cwd?: string, env: NodeJS.ProcessEnv = {}) {
  for (const procs of PROCS) {
    const { code, report, stderr } = await runJson([...args, '--procs', ...procs], { cwd, env: { VALIDATE_RECORDS_CACHE_DIR: cacheDir(), ...env } });
    expect(code, stderr).toBe(1);
    expect(report.summary.procs, stderr).toBe(Number(procs[0]));
    expect(verdict(report)).toEqual(expected);
  }
}

const USER_TS = (nameRule = '@MaxLength(40)', extraImports = '') => `
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { IsEmail, MaxLength } from 'class-validator';
${extraImports}
@Entity('users')
export class User {
  @PrimaryColumn()
  id: number;

  @Column()
  ${nameRule}
  name: string;

  @Column()
  @IsEmail()
  email: string;
}
`;

const POST_TS = `
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { MinLength } from 'class-validator';

@Entity('posts')
export class Post {
  @PrimaryColumn()
  id: number;

  @Column()
  @MinLength(3)
  title: string;
}
`;

beforeAll(() => {
  tmp = new TempDir('loading');
  database = createDatabase(tmp.path('app.sqlite'), SCHEMA_SQL, INVALID_ROWS);
});

afterAll(() => tmp?.cleanup());

describe('an ES module project ("type": "module")', () => {
  let project: string;

  beforeAll(() => {
    project = tmp.mkdir('esm');
    tmp.write({
      'esm/package.json': JSON.stringify({ name: 'esm-app', type: 'module' }),
      // The TypeScript ESM convention: nodenext, `.js` suffixes naming the .ts files.
      'esm/tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'ES2022', strict: true, strictPropertyInitialization: false, useDefineForClassFields: false } }),
      'esm/src/entity/user.ts': USER_TS(),
      'esm/src/entity/post.ts': POST_TS,
      'esm/src/settings.ts': `export const settings = await Promise.resolve({ database: ${JSON.stringify(database)} });\n`,
      'esm/src/data-source.ts': `
import { DataSource } from 'typeorm';
import { fileURLToPath } from 'node:url';
import { settings } from './settings.js';
import { User } from './entity/user.js';
import { Post } from './entity/post.js';

const here = fileURLToPath(new URL('.', import.meta.url));
await new Promise((resolve) => setTimeout(resolve, 1));
export default new DataSource({ type: 'better-sqlite3', database: settings.database, entities: [User, Post], migrations: [here + 'migrations/*.ts'] });
`,
      'esm/src/data-source-glob.ts': `
import { DataSource } from 'typeorm';
import { settings } from './settings.js';
export const dataSource = new DataSource({ type: 'better-sqlite3', database: settings.database, entities: ['src/entity/*.ts'] });
`,
    });
  });

  it('loads with entities as classes (import.meta.url, top-level await, .js suffixes)', async () => {
    await expectVerdict(['-d', 'src/data-source.ts'], STANDARD_VERDICT, project);
  });

  it('loads with entities as a .ts glob, which TypeORM imports as ES modules', async () => {
    await expectVerdict(['-d', 'src/data-source-glob.ts'], STANDARD_VERDICT, project);
  });
});

describe('an .mts data source in a CommonJS package', () => {
  it('imports CommonJS .ts entities by their .js name, named exports included', async () => {
    tmp.write({
      'mts/package.json': JSON.stringify({ name: 'cjs-app' }),
      'mts/tsconfig.json': JSON.stringify({ compilerOptions: { module: 'commonjs', target: 'ES2021', esModuleInterop: true } }),
      'mts/src/entities/index.ts': `export * from './user';\nexport { Post } from './post';\n`,
      'mts/src/entities/user.ts': USER_TS(),
      'mts/src/entities/post.ts': POST_TS,
      'mts/src/data-source.mts': `
import { DataSource } from 'typeorm';
import { User, Post } from './entities/index.js';
const url: string = import.meta.url;
if (!url.startsWith('file:')) throw new Error('import.meta.url is ' + url);
export default new DataSource({ type: 'better-sqlite3', database: ${JSON.stringify(database)}, entities: [User, Post] });
`,
    });
    await expectVerdict(['-d', tmp.path('mts/src/data-source.mts')], STANDARD_VERDICT);
  });
});

/** NestJS 11's `nest new` tsconfig.json, as generated, plus the `@/` alias NestJS apps add. */
const NEST_11_TSCONFIG = {
  compilerOptions: {
    module: 'nodenext',
    moduleResolution: 'nodenext',
    resolvePackageJsonExports: true,
    esModuleInterop: true,
    isolatedModules: true,
    declaration: true,
    removeComments: true,
    emitDecoratorMetadata: true,
    experimentalDecorators: true,
    allowSyntheticDefaultImports: true,
    target: 'ES2023',
    sourceMap: true,
    outDir: './dist',
    baseUrl: './',
    incremental: true,
    skipLibCheck: true,
    strictNullChecks: true,
    forceConsistentCasingInFileNames: true,
    noImplicitAny: false,
    strictBindCallApply: false,
    noFallthroughCasesInSwitch: false,
    paths: { '@/*': ['src/*'] },
  },
};

describe('a NestJS 11 project: its default tsconfig, paths and baseUrl imports, a .env file', () => {
  let project: string;
  // NAME_MAX=4 in .env: Grace and Linus get too long, so users 2, 3 and 4 fail.
  const WITH_ENV = { users: { rows: 4, invalid: [2, 3, 4] }, posts: { rows: 3, invalid: [3] } };

  beforeAll(() => {
    project = tmp.mkdir('nest');
    tmp.write({
      'nest/package.json': JSON.stringify({ name: 'nest-app', scripts: { build: 'nest build' } }),
      'nest/tsconfig.json': JSON.stringify(NEST_11_TSCONFIG, null, 2),
      'nest/.env': `# read by ConfigModule in the app\nDATABASE_PATH=${database}\nNAME_MAX="4"\nexport UNUSED=1\n`,
      'nest/src/users/user.entity.ts': USER_TS('@MaxLength(Number(process.env.NAME_MAX))'),
      'nest/src/posts/post.entity.ts': POST_TS,
      'nest/src/database/data-source.ts': `
import { DataSource } from 'typeorm';
import { User } from '@/users/user.entity';
import { Post } from 'src/posts/post.entity';

if (!process.env.DATABASE_PATH) throw new Error('DATABASE_PATH is not set');
export const AppDataSource = new DataSource({ type: 'better-sqlite3', database: process.env.DATABASE_PATH, entities: [User, Post] });
`,
    });
  });

  it('loads with --env-file .env, the decorator reading a variable set only there', async () => {
    await expectVerdict(['-d', 'src/database/data-source.ts', '--env-file', '.env'], WITH_ENV, project);
  });

  it('takes envFile from the config file; a variable set in the environment wins over the file, as in node --env-file', async () => {
    tmp.write({ 'nest/validate-records.config.json': JSON.stringify({ dataSource: 'src/database/data-source.ts', envFile: ['.env'] }) });
    try {
      await expectVerdict([], STANDARD_VERDICT, project, { NAME_MAX: '40' });
    } finally {
      fs.rmSync(tmp.path('nest/validate-records.config.json'));
    }
  });

  it('without the env file, the failure names the data source module and the line that threw', async () => {
    const result = await runCli(['-d', 'src/database/data-source.ts', '--no-progress'], { cwd: project, env: { VALIDATE_RECORDS_CACHE_DIR: cacheDir() } });
    expectUserError(result, tmp.path('nest/src/database/data-source.ts'), 'DATABASE_PATH is not set', `${tmp.path('nest/src/database/data-source.ts')}:6`);
  });

  it('an entity of a glob that throws is named with its line, in one paragraph', async () => {
    const entity = tmp.write({ 'nest/src/broken/thing.entity.ts': `import { Entity } from 'typeorm';\nif (!process.env.THING_TABLE) throw new Error('THING_TABLE is not set');\n@Entity(process.env.THING_TABLE)\nexport class Thing {}\n` });
    const file = tmp.write({ 'nest/src/database/glob.ts': `import { DataSource } from 'typeorm';\nexport default new DataSource({ type: 'better-sqlite3', database: ${JSON.stringify(database)}, entities: ['src/broken/*.entity.ts'] });\n` });
    const result = await runCli(['-d', file, '--no-progress'], { cwd: project, env: { VALIDATE_RECORDS_CACHE_DIR: cacheDir() } });
    expectUserError(result, file, 'THING_TABLE is not set', `(thrown at ${entity}:2)`);
  });

  it('an alias that maps nowhere is named with what the tsconfig made of it', async () => {
    const file = tmp.write({ 'nest/src/database/bad-alias.ts': `import { User } from '@/missing/user.entity';\nexport default User;\n` });
    const result = await runCli(['-d', file, '--no-progress'], { cwd: project, env: { VALIDATE_RECORDS_CACHE_DIR: cacheDir() } });
    expectUserError(result, file, '@/missing/user.entity', tmp.path('nest/src/missing/user.entity'));
  });
});

describe('esModuleInterop is the project\'s own setting', () => {
  const SLUGIFY_JS = `'use strict';\nmodule.exports = function slugify(text) { return String(text).toLowerCase(); };\n`;
  const files = (compilerOptions: object) => ({
    'package.json': JSON.stringify({ name: 'interop-app' }),
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'commonjs', target: 'ES2021', ...compilerOptions } }),
    'lib/slugify.js': SLUGIFY_JS,
    'src/user.ts': USER_TS('@MaxLength(40)', `import * as slugify from '../lib/slugify';\nconst TABLE = slugify('USERS');\n`).replace(`@Entity('users')`, '@Entity(TABLE)'),
    'src/post.ts': POST_TS,
    'src/data-source.ts': `
import { DataSource } from 'typeorm';
import { User } from './user';
import { Post } from './post';
export default new DataSource({ type: 'better-sqlite3', database: ${JSON.stringify(database)}, entities: [User, Post] });
`,
  });
  const write = (folder: string, compilerOptions: object) => {
    for (const [name, text] of Object.entries(files(compilerOptions))) tmp.write({ [`${folder}/${name}`]: text });
    return tmp.path(folder, 'src/data-source.ts');
  };

  it('left unset (off for CommonJS): `import * as slugify` of a CommonJS function is callable', async () => {
    await expectVerdict(['-d', write('interop-unset', {})], STANDARD_VERDICT);
  });

  it('set on: the same import throws, and the message names the module, the error and the user\'s line; debug adds the stack', async () => {
    const dataSource = write('interop-on', { esModuleInterop: true });
    const userFile = tmp.path('interop-on/src/user.ts');
    const result = await runCli(['-d', dataSource, '--no-progress'], { env: { VALIDATE_RECORDS_CACHE_DIR: cacheDir() } });
    expectUserError(result, dataSource, /slugify is not a function/, `(thrown at ${userFile}:5)`);
    const debug = await runCli(['-d', dataSource, '--no-progress'], { env: { VALIDATE_RECORDS_CACHE_DIR: cacheDir(), VALIDATE_RECORDS_DEBUG: '1' } });
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(new RegExp(`^\\s+at .*${userFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5:`, 'm'));
  });
});

describe('a TypeORM 0.2 project', () => {
  it('is told that TypeORM 0.3 or newer is needed, and which version it has', async () => {
    // Its own node_modules: a typeorm 0.2 (package shape only) and 0.2's ormconfig-style export.
    const folder = 'legacy';
    fs.mkdirSync(tmp.path(folder), { recursive: true });
    tmp.write({
      [`${folder}/node_modules/typeorm/package.json`]: JSON.stringify({ name: 'typeorm', version: '0.2.45', main: 'index.js' }),
      [`${folder}/node_modules/typeorm/index.js`]: `exports.createConnection = async () => { throw new Error('not in this test'); };\n`,
    });
    const file = tmp.write({
      [`${folder}/ormconfig.ts`]: `export default { type: 'sqlite', database: 'app.sqlite', entities: ['dist/entity/*.js'] };\n`,
    });
    const result = await runCli(['-d', file, '--no-progress']);
    expectUserError(result, file, /TypeORM 0\.3 or newer/, /0\.2\.45/);
  });
});

describe('envFile', () => {
  // (A missing --env-file on the command line is refused by Node 20 itself, before we run: see the README.)
  it('that does not exist is named', async () => {
    const config = tmp.write({ 'missing-env/validate-records.config.json': JSON.stringify({ dataSource: '../nest/src/database/data-source.ts', envFile: 'nowhere.env' }) });
    const result = await runCli(['-c', config, '--no-progress']);
    expectUserError(result, tmp.path('missing-env/nowhere.env'), /does not exist/);
  });
});

describe('the transpile cache', () => {
  it('is filled by the manager and read by the workers and by the next run', async () => {
    const dataSource = write3('cached');
    const env = { VALIDATE_RECORDS_CACHE_DIR: tmp.path('.cache-of-cached'), VALIDATE_RECORDS_DEBUG: '1' };
    const first = await runJson(['-d', dataSource, '--procs', '2', '--exact-procs'], { env });
    expect(first.code, first.stderr).toBe(1);
    const counts = [...first.stderr.matchAll(/pid (\d+): (\d+) TypeScript files transpiled, (\d+) from the cache/g)].map((m) => [Number(m[2]), Number(m[3])]);
    // The manager transpiled the three files; each worker found all three cached.
    expect(counts.sort()).toEqual([[0, 3], [0, 3], [3, 0]]);
    const second = await runJson(['-d', dataSource, '--procs', '1'], { env });
    expect(second.stderr).toMatch(/: 0 TypeScript files transpiled, 3 from the cache/);
    expect(verdict(second.report)).toEqual(STANDARD_VERDICT);
  });
});

function write3(folder: string): string {
  tmp.write({
    [`${folder}/user.ts`]: USER_TS(),
    [`${folder}/post.ts`]: POST_TS,
  });
  return tmp.write({
    [`${folder}/data-source.ts`]: `
import { DataSource } from 'typeorm';
import { User } from './user';
import { Post } from './post';
export default new DataSource({ type: 'better-sqlite3', database: ${JSON.stringify(database)}, entities: [User, Post] });
`,
  });
}
