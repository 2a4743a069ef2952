/**
 * The transpile cache on a big TypeScript project: `node bench/ts.js bench/transpile-cache.ts
 * [--entities 150] [--rounds 3] [--out DIR]`. Generates a project of N entity files and N
 * service files (each service imports its entity and class-validator, the data source imports
 * the services), then times, with an empty cache and with the cache the previous run left:
 * loading the data source module alone, and a whole `validate-records --procs 1` run.
 */
import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import yargs from 'yargs';
import { measureProcess } from './measure-process';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'bin', 'validate-records');
const LOAD_MODULE = path.join(ROOT, 'dist', 'datasource', 'open-data-source.js');

const args = yargs(process.argv.slice(2))
  .option('entities', { type: 'number', default: 150, describe: 'Entity files (as many service files are added)' })
  .option('rounds', { type: 'number', default: 3, describe: 'Cold/warm pairs (medians are reported)' })
  .option('out', { type: 'string', default: path.join(ROOT, 'bench', 'out'), describe: 'Output folder' })
  .strict()
  .parseSync();

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function generateProject(dir: string, entities: number): string {
  fs.mkdirSync(path.join(dir, 'src', 'entities'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'src', 'services'), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { module: 'commonjs', target: 'ES2021', strict: true, strictPropertyInitialization: false, experimentalDecorators: true, emitDecoratorMetadata: true, baseUrl: '.', paths: { '@/*': ['src/*'] } },
  }));
  const database = new Database(path.join(dir, 'app.sqlite'));
  const names: string[] = [];
  for (let i = 0; i < entities; i++) {
    const name = `Thing${i}`;
    names.push(name);
    database.exec(`CREATE TABLE thing_${i} (id INTEGER PRIMARY KEY NOT NULL, title VARCHAR NOT NULL, email VARCHAR NOT NULL, amount INTEGER NOT NULL); INSERT INTO thing_${i} VALUES (1, 'first', 'a@example.com', 3);`);
    fs.writeFileSync(path.join(dir, 'src', 'entities', `thing-${i}.entity.ts`), `
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { IsEmail, IsInt, Length, Max, Min } from 'class-validator';

/** Generated entity ${i}: a few columns with the usual validators. */
@Entity('thing_${i}')
export class ${name} {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  @Length(1, 80)
  title: string;

  @Column()
  @IsEmail()
  email: string;

  @Column()
  @IsInt()
  @Min(0)
  @Max(1000)
  amount: number;

  describe(): string {
    return \`\${this.title} <\${this.email}>: \${this.amount}\`;
  }
}
`);
    fs.writeFileSync(path.join(dir, 'src', 'services', `thing-${i}.service.ts`), `
import { Repository } from 'typeorm';
import { validate, ValidationError } from 'class-validator';
import { ${name} } from '@/entities/thing-${i}.entity';

export interface ${name}Input { title: string; email: string; amount: number }

/** Generated service ${i}. */
export class ${name}Service {
  constructor(private readonly repository: Repository<${name}>) {}

  async create(input: ${name}Input): Promise<${name} | ValidationError[]> {
    const entity = Object.assign(new ${name}(), input);
    const errors = await validate(entity);
    return errors.length > 0 ? errors : this.repository.save(entity);
  }

  findAll(limit = 10): Promise<${name}[]> {
    return this.repository.find({ take: limit, order: { id: 'ASC' } });
  }
}

export const entity = ${name};
`);
  }
  database.close();
  const imports = names.map((name, i) => `import { entity as e${i} } from './services/thing-${i}.service';`).join('\n');
  fs.writeFileSync(path.join(dir, 'src', 'data-source.ts'), `
import { DataSource } from 'typeorm';
${imports}

export default new DataSource({ type: 'better-sqlite3', database: ${JSON.stringify(path.join(dir, 'app.sqlite'))}, entities: [${names.map((_, i) => `e${i}`).join(', ')}] });
`);
  return path.join(dir, 'src', 'data-source.ts');
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-records-bench-ts-'));
  const cache = path.join(dir, 'cache');
  try {
    const dataSource = generateProject(path.join(dir, 'project'), args.entities);
    const env = { VALIDATE_RECORDS_CACHE_DIR: cache };
    const loadOnly = ['-e', `require(${JSON.stringify(LOAD_MODULE)}).loadDataSource(${JSON.stringify(dataSource)}).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(2); })`];
    const cliRun = [CLI, '-d', dataSource, '--procs', '1', '--no-progress', '--format', 'json'];
    const timings = { loadCold: [] as number[], loadWarm: [] as number[], runCold: [] as number[], runWarm: [] as number[] };
    for (let round = 0; round < args.rounds; round++) {
      for (const [command, cold, warm] of [[loadOnly, timings.loadCold, timings.loadWarm], [cliRun, timings.runCold, timings.runWarm]] as const) {
        fs.rmSync(cache, { recursive: true, force: true });
        for (const into of [cold, warm]) {
          const measured = await measureProcess(process.execPath, [...command], env);
          if (measured.code !== 0) throw new Error(`exit ${measured.code}: ${measured.stderr}`);
          into.push(measured.wallMs);
        }
      }
      process.stderr.write(`  round ${round + 1}: load ${timings.loadCold[round].toFixed(0)} -> ${timings.loadWarm[round].toFixed(0)} ms, run ${timings.runCold[round].toFixed(0)} -> ${timings.runWarm[round].toFixed(0)} ms\n`);
    }
    const row = (label: string, cold: number[], warm: number[]) =>
      `| ${label} | ${(median(cold) / 1000).toFixed(2)} | ${(median(warm) / 1000).toFixed(2)} | ${(median(cold) / median(warm)).toFixed(1)}x |`;
    const table = [
      `Transpile cache, generated project of ${args.entities} entity + ${args.entities} service files (${args.entities} tables of 1 row), medians of ${args.rounds} rounds, ${os.availableParallelism()} CPUs:`,
      '',
      '| measured process | first run, empty cache (s) | second run (s) | speed-up |',
      '| --- | --- | --- | --- |',
      row('loading the data source module (node + TypeScript + TypeORM + 300 files)', timings.loadCold, timings.loadWarm),
      row('whole `validate-records --procs 1` run', timings.runCold, timings.runWarm),
    ].join('\n');
    fs.mkdirSync(args.out, { recursive: true });
    fs.writeFileSync(path.join(args.out, 'transpile-cache.md'), `${table}\n`);
    fs.writeFileSync(path.join(args.out, 'transpile-cache.json'), JSON.stringify({ entities: args.entities, rounds: args.rounds, timings }, null, 2));
    process.stdout.write(`${table}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
