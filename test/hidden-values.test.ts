import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJson } from './helpers/run-cli';
import { TempDir, createDatabase } from './helpers/temp-project';

/**
 * Hiding values (the default) replaces exactly what class-validator substitutes for the
 * `$value` token, never every occurrence of the value's text: an invalid 'low' must not
 * turn "following" into "fol[value hidden]ing".
 */

const ENTITIES = `
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { IsEnum, IsIn, Matches } from 'class-validator';

export enum Impact { Critical = 'Critical', Informational = 'Informational' }

@Entity('findings')
export class Finding {
  @PrimaryColumn()
  id: number;

  @Column()
  @IsEnum(Impact)
  impact: string;

  @Column()
  @IsIn(['Critical', 'Informational'])
  level: string;

  @Column()
  @Matches(/^[A-Z]+$/, { message: 'code $value of $property is not upper case (low values are rejected)' })
  code: string;

  @Column()
  @Matches(/^x/, { message: (args) => \`\${args.property} starts badly: $value\` })
  tag: string;
}
`;

let tmp: TempDir;
let dataSource: string;
let fallbackConfig: string;

beforeAll(() => {
  tmp = new TempDir('hidden');
  const database = createDatabase(tmp.path('db.sqlite'),
    'CREATE TABLE findings (id INTEGER PRIMARY KEY NOT NULL, impact VARCHAR NOT NULL, level VARCHAR NOT NULL, code VARCHAR NOT NULL, tag VARCHAR NOT NULL);',
    { findings: [{ id: 1, impact: 'low', level: 'Info', code: 'low', tag: 'low' }] });
  tmp.write({
    'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', experimentalDecorators: true, emitDecoratorMetadata: true } }),
    'entities.ts': ENTITIES,
  });
  dataSource = tmp.write({
    'data-source.ts': `import { DataSource } from 'typeorm';\nimport { Finding } from './entities';\nexport default new DataSource({ type: 'better-sqlite3', database: ${JSON.stringify(database)}, entities: [Finding] });\n`,
  });
  // whitelist is not mirrored by validation plans: class-validator's validate() builds the messages.
  fallbackConfig = tmp.write({ 'fallback.json': JSON.stringify({ validatorOptions: { whitelist: true } }) });
});

afterAll(() => tmp?.cleanup());

const messages = (report: any): Record<string, string> =>
  Object.fromEntries(report.tables[0].samples[0].errors.map((error: any) => [error.property, error.message]));

const HIDDEN = {
  impact: 'impact must be one of the following values: Critical, Informational',
  level: 'level must be one of the following values: Critical, Informational',
  code: 'code [value hidden] of code is not upper case (low values are rejected)',
  tag: 'tag starts badly: [value hidden]',
};

describe('hidden values', () => {
  it.each([['validation plans', []], ["class-validator's validate()", ['--config', 'FALLBACK']]])('hide only the $value token (%s)', async (_label, extra) => {
    const args = extra.map((arg) => (arg === 'FALLBACK' ? fallbackConfig : arg));
    const { code, report, stderr } = await runJson(['-d', dataSource, '--procs', '1', ...args]);
    expect(code, stderr).toBe(1);
    if (args.length > 0) expect(report.validation.fallbackClasses.map((entry: any) => entry.className)).toEqual(['Finding']);
    expect(messages(report)).toEqual(HIDDEN);
  });

  it('--show-values shows the messages as class-validator gives them', async () => {
    const { report } = await runJson(['-d', dataSource, '--procs', '1', '--show-values']);
    expect(messages(report)).toEqual({
      ...HIDDEN,
      code: 'code low of code is not upper case (low values are rejected)',
      tag: 'tag starts badly: low',
    });
  });
});
