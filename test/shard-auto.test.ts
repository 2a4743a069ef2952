import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../src/errors';
import { shardFromOption } from '../src/plan/shard-from-environment';
import { runCli, runJson } from './helpers/run-cli';
import { ENTITIES_TS, INVALID_ROWS, SCHEMA_SQL, TempDir, createDatabase, dataSourceTs } from './helpers/temp-project';

/** --shard auto: the shard of this CI job, read where each CI system puts it. */

describe('--shard auto reads each CI system\'s convention', () => {
  it.each([
    ['GitLab (1-based)', { CI_NODE_INDEX: '1', CI_NODE_TOTAL: '3' }, { index: 1, count: 3 }],
    ['GitLab, last job', { CI_NODE_INDEX: '3', CI_NODE_TOTAL: '3' }, { index: 3, count: 3 }],
    ['CircleCI (0-based)', { CIRCLE_NODE_INDEX: '0', CIRCLE_NODE_TOTAL: '4' }, { index: 1, count: 4 }],
    ['CircleCI, last node', { CIRCLE_NODE_INDEX: '3', CIRCLE_NODE_TOTAL: '4' }, { index: 4, count: 4 }],
    ['Buildkite (0-based)', { BUILDKITE_PARALLEL_JOB: '1', BUILDKITE_PARALLEL_JOB_COUNT: '2' }, { index: 2, count: 2 }],
  ])('%s', (_label, env, shard) => {
    expect(shardFromOption('auto', env)).toEqual(shard);
  });

  it('a Kubernetes Indexed Job: 0-based JOB_COMPLETION_INDEX, the total given as auto/N', () => {
    expect(shardFromOption('auto/4', { JOB_COMPLETION_INDEX: '0' })).toEqual({ index: 1, count: 4 });
    expect(shardFromOption('auto/4', { JOB_COMPLETION_INDEX: '3' })).toEqual({ index: 4, count: 4 });
    expect(() => shardFromOption('auto', { JOB_COMPLETION_INDEX: '3' })).toThrow(/no total: give the job's completions, such as --shard auto\/4/);
    expect(() => shardFromOption('auto/4', { JOB_COMPLETION_INDEX: '4' })).toThrow(/shard 5 of 4, past the last one/);
  });

  it('refuses what does not add up, naming the variable', () => {
    expect(() => shardFromOption('auto', { CI_NODE_INDEX: '0', CI_NODE_TOTAL: '3' })).toThrow(/CI_NODE_INDEX \(GitLab CI \(parallel:\)\) must be a whole number of at least 1; got "0"/);
    expect(() => shardFromOption('auto', { CIRCLE_NODE_INDEX: '4', CIRCLE_NODE_TOTAL: '4' })).toThrow(/past the last one/);
    expect(() => shardFromOption('auto', { CI_NODE_INDEX: '2' })).toThrow(/CI_NODE_TOTAL .* got nothing/);
    expect(() => shardFromOption('auto/2', { CI_NODE_INDEX: '1', CI_NODE_TOTAL: '3' })).toThrow(/gives 2 shards, but GitLab CI \(parallel:\) runs 3/);
    expect(() => shardFromOption('auto', {})).toThrow(UserError);
  });

  it('i/n is read as before', () => {
    expect(shardFromOption('2/5', { CI_NODE_INDEX: '1', CI_NODE_TOTAL: '3' })).toEqual({ index: 2, count: 5 });
  });
});

describe('--shard auto on the command line', () => {
  let tmp: TempDir;
  let dataSource: string;
  const noCi = { CI_NODE_INDEX: undefined, CI_NODE_TOTAL: undefined, CIRCLE_NODE_INDEX: undefined, CIRCLE_NODE_TOTAL: undefined,
    BUILDKITE_PARALLEL_JOB: undefined, BUILDKITE_PARALLEL_JOB_COUNT: undefined, JOB_COMPLETION_INDEX: undefined };

  beforeAll(() => {
    tmp = new TempDir('shard-auto');
    tmp.write({
      'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2022', experimentalDecorators: true, emitDecoratorMetadata: true } }),
      'app/entities.ts': ENTITIES_TS,
    });
    dataSource = tmp.write({ 'app/data-source.ts': dataSourceTs(createDatabase(tmp.path('db.sqlite'), SCHEMA_SQL, INVALID_ROWS)) });
  });
  afterAll(() => tmp?.cleanup());

  it('exits 2 with a one-line error when no CI variable is set', async () => {
    const result = await runCli(['-d', dataSource, '--shard', 'auto', '--procs', '1', '--no-progress'], { env: noCi });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^validate-records: --shard auto found no CI shard variables: .*Give the shard as --shard i\/n instead\.\n$/);
  });

  it('runs the GitLab job\'s shard', async () => {
    const { report, stderr } = await runJson(['-d', dataSource, '--shard', 'auto', '--procs', '1'], { env: { ...noCi, CI_NODE_INDEX: '2', CI_NODE_TOTAL: '2' } });
    expect(report.shard, stderr).toMatchObject({ index: 2, count: 2 });
  });
});
