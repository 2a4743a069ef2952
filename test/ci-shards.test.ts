import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Piece } from '../src/plan/piece';
import { assignShards, parseShard } from '../src/plan/shard';
import { findAll, parseXml } from './helpers/parse-xml';
import { expectUserError } from './helpers/expect-user-error';
import { ROOT, runCli, runJson } from './helpers/run-cli';
import { TempDir } from './helpers/temp-project';

/**
 * --shard i/n and merge-reports: n machines scan a deterministic, size-balanced part each,
 * and their merged JSON reports equal one run over everything. On the small blog demo,
 * cut into 1000-row pieces so that big tables are split across shards.
 */

const SMALL = { BLOG_SCALE: '0.01' };
const PIECES = ['--piece-rows', '1000'];

let tmp: TempDir;

beforeAll(async () => {
  tmp = new TempDir('shards');
  await runJson(['--procs', '1', '--only', 'sub_pages'], { env: SMALL }); // generates the demo database once
});

afterAll(() => tmp?.cleanup());

function piece(id: number, table: string, estimatedRows: number, part = 0, parts = 1): Piece {
  return { id, table, part, parts, estimatedRows, range: { after: null, through: null } };
}

/** Runs shard i/n of the blog with a JSON report in a file; returns the file and the parsed report. */
async function shard(index: number, count: number, name: string, extra: string[] = []) {
  const file = tmp.path(name, `shard-${index}-of-${count}.json`);
  const result = await runCli(['--procs', '2', '--exact-procs', '--no-progress', '--shard', `${index}/${count}`, ...PIECES, '-f', `json:${file}`, '-f', 'text', ...extra], { env: SMALL });
  expect([0, 1], result.stderr).toContain(result.code);
  return { file, code: result.code, report: JSON.parse(fs.readFileSync(file, 'utf8')) };
}

async function merge(files: string[], ...args: string[]) {
  const result = await runCli(['merge-reports', ...files, '-f', 'json', ...args]);
  return { ...result, report: result.code === 2 ? undefined : JSON.parse(result.stdout) };
}

/** Tables without timings (of the table and of the pieces a shard report carries). */
const comparableTables = (report: any) => report.tables.map(({ durationMs, parts, ...rest }: any) => ({
  ...rest,
  ...(parts ? { parts: parts.map((p: any) => ({ ...p, report: p.report && { ...p.report, durationMs: 0 } })) } : {}),
}));
const comparableSummary = ({ durationMs, rowsPerSecond, procs, procsRequested, procsReason, ...rest }: any) => rest;

describe('shard planning (pure)', () => {
  it('packs pieces largest first onto the least loaded shard', () => {
    const pieces = [piece(0, 'a', 100), piece(1, 'b', 60), piece(2, 'c', 50), piece(3, 'd', 40), piece(4, 'e', 30), piece(5, 'f', 20)];
    const shardOf = assignShards(pieces, 2);
    // 100 -> 0; 60 -> 1; 50 -> 1 (60 < 100); 40 -> 0 (100 < 110); 30 -> 1 (110 < 140); 20 -> 0 (tie at 140: fewer pieces).
    expect(pieces.map((p) => shardOf.get(p.id))).toEqual([0, 1, 1, 0, 1, 0]);
    const load = [0, 0];
    for (const p of pieces) load[shardOf.get(p.id)!] += p.estimatedRows;
    expect(load).toEqual([160, 140]);
    // The input order does not matter: every machine gets the same answer.
    expect(assignShards([...pieces].reverse(), 2)).toEqual(shardOf);
  });

  it('spreads equal pieces evenly and leaves shards empty when there are fewer pieces', () => {
    const equal = Array.from({ length: 6 }, (_, i) => piece(i, 'posts', 1000, i, 6));
    const shardOf = assignShards(equal, 3);
    expect([0, 1, 2].map((s) => [...shardOf.values()].filter((x) => x === s).length)).toEqual([2, 2, 2]);
    const few = assignShards([piece(0, 'a', 0), piece(1, 'b', 0)], 4);
    expect([...few.values()].sort()).toEqual([0, 1]);
  });

  it('parses i/n and rejects anything else', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/2', '3/2', '1/0', '2', 'a/b', '1/2/3', '-1/2', '1.5/2']) {
      expect(() => parseShard(bad), bad).toThrow(/--shard must be i\/n/);
    }
  });
});

describe('--shard and merge-reports (real CLI, blog demo)', () => {
  it('shards 1/2 + 2/2 merged equal the unsharded run: counts, violations, samples, exit code', async () => {
    const [whole, one, two] = await Promise.all([
      runJson(['--procs', '2', '--exact-procs'], { env: SMALL }),
      shard(1, 2, 'plain'),
      shard(2, 2, 'plain'),
    ]);
    expect(whole.code).toBe(1);
    // Each shard has about half of the rows, and a big table is split between them.
    const rows = [one.report.summary.rows, two.report.summary.rows];
    expect(rows[0] + rows[1]).toBe(whole.report.summary.rows);
    expect(Math.abs(rows[0] - rows[1])).toBeLessThan(whole.report.summary.rows * 0.1);
    const tablesOf = (r: any) => r.tables.map((t: any) => t.table);
    expect(tablesOf(one.report).filter((t: string) => tablesOf(two.report).includes(t))).toContain('posts');
    expect(one.report.shard).toMatchObject({ index: 1, count: 2, tables: tablesOf(whole.report), maxSamples: 10 });
    expect(two.report.shard.plan).toBe(one.report.shard.plan);

    const merged = await merge([two.file, one.file]);
    expect(merged.code, merged.stderr).toBe(1);
    expect(merged.report.shard).toBeUndefined();
    expect(merged.report.status).toBe(whole.report.status);
    expect(comparableTables(merged.report)).toEqual(comparableTables(whole.report));
    expect(comparableSummary(merged.report.summary)).toEqual(comparableSummary(whole.report.summary));
    expect(merged.report.summary.procs).toBe(4);
  });

  it('every machine computes the same plan, whatever its --procs', async () => {
    const [a, b] = await Promise.all([
      runCli(['--procs', '1', '--no-progress', '--shard', '2/3', ...PIECES, '-f', 'json'], { env: SMALL }),
      runCli(['--procs', '2', '--exact-procs', '--no-progress', '--shard', '2/3', ...PIECES, '-f', 'json'], { env: SMALL }),
    ]);
    const [ra, rb] = [JSON.parse(a.stdout), JSON.parse(b.stdout)];
    expect(ra.shard.plan).toBe(rb.shard.plan);
    expect(comparableTables(ra)).toEqual(comparableTables(rb));
  });

  it('with a baseline, the merged new and fixed rows equal the unsharded run\'s', async () => {
    const baseline = tmp.path('baseline/known.json');
    const recorded = await runJson(['--procs', '2', '--exact-procs', '--baseline', baseline, '--update-baseline'], { env: SMALL });
    expect(recorded.code).toBe(0);
    // Forget two known posts (they become new) and invent a known row that is valid (it counts as fixed).
    const lines = fs.readFileSync(baseline, 'utf8').split('\n');
    const posts = lines.indexOf('    "Post": [');
    const forgotten = [lines[posts + 1], lines[posts + 20]];
    const edited = lines.filter((line) => !forgotten.includes(line));
    edited.splice(edited.indexOf('    "Post": [') + 1, 0, '      {"key":{"id":2},"failures":["title:maxLength"]},');
    fs.writeFileSync(baseline, edited.join('\n'));
    const args = ['--baseline', baseline];
    const [whole, one, two] = await Promise.all([
      runJson(['--procs', '2', '--exact-procs', ...args], { env: SMALL }),
      shard(1, 2, 'baseline', args),
      shard(2, 2, 'baseline', args),
    ]);
    expect(whole.code).toBe(1);
    expect(whole.report.summary).toMatchObject({ newInvalidRows: 2, fixedRows: 1 });
    const merged = await merge([one.file, two.file]);
    expect(merged.code).toBe(1);
    expect(comparableTables(merged.report)).toEqual(comparableTables(whole.report));
    expect(comparableSummary(merged.report.summary)).toEqual(comparableSummary(whole.report.summary));
    // A shard holding only part of a table cannot know what was fixed in it.
    const partial = one.report.tables.find((t: any) => t.table === 'posts');
    expect(partial.fixedRows).toBeNull();
  });

  it('thresholds are judged again on the merged counts', async () => {
    const config = tmp.write({
      'thresholds/validate-records.config.json': JSON.stringify({
        dataSource: path.join(ROOT, 'fixtures/blog/data-source.ts'),
        tables: { Post: { errorIf: '> 50' }, '*': { severity: 'warn' } },
      }),
    });
    const args = ['-c', config];
    const [one, two] = await Promise.all([shard(1, 2, 'thresholds', args), shard(2, 2, 'thresholds', args)]);
    const postsIn = (r: any) => r.tables.find((t: any) => t.table === 'posts');
    // 58 invalid posts in all: each shard sees fewer than 51 and only warns.
    expect(postsIn(one.report).invalidRows).toBeLessThanOrEqual(50);
    expect(postsIn(two.report).invalidRows).toBeLessThanOrEqual(50);
    expect([one.code, two.code]).toEqual([0, 0]);
    expect(postsIn(one.report).status).toBe('warned');
    const merged = await merge([one.file, two.file]);
    expect(merged.code).toBe(1);
    expect(postsIn(merged.report)).toMatchObject({ status: 'failed', invalidRows: 58, thresholds: { errorIf: '> 50', warnIf: '> 0' } });
    expect(merged.report.summary).toMatchObject({ failedTables: 1, warnedTables: 6 });
  });

  it('merge-reports writes any format, several at once', async () => {
    const [one, two] = await Promise.all([shard(1, 2, 'formats'), shard(2, 2, 'formats')]);
    const junit = tmp.path('formats/merged.xml');
    const result = await runCli(['merge-reports', one.file, two.file, '-f', 'text', '-f', `junit:${junit}`]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAILED: 121 invalid rows in 7 of 7 tables.');
    const root = parseXml(fs.readFileSync(junit, 'utf8'));
    expect(findAll(root, 'testsuite')).toHaveLength(7);
    // One failing testcase per table and constraint.
    const { report } = await merge([one.file, two.file]);
    const constraints = report.tables.reduce((n: number, t: any) => n + t.violations.length, 0);
    expect(constraints).toBeGreaterThan(7);
    expect(Number(root.attributes.failures)).toBe(constraints);
  });

  it('rejects reports that do not make one shard set, and bad files', async () => {
    const [one, two, three] = await Promise.all([shard(1, 2, 'set'), shard(2, 2, 'set'), shard(1, 3, 'other-count')]);
    const otherPlan = await shard(2, 2, 'other-plan', ['--max-samples', '3']);
    expectUserError((await merge([one.file])), /Shard 2\/2 is missing/, /got 1\/2/);
    expectUserError((await merge([one.file, one.file])), /both shard 1\/2/);
    expectUserError((await merge([one.file, three.file])), /shard 1\/3 but .* is shard 1\/2: they belong to different shard sets/);
    expectUserError((await merge([one.file, otherPlan.file])), /come from different databases or settings/, /--max-samples/);
    const missing = tmp.path('set/nope.json');
    expectUserError((await merge([one.file, missing])), new RegExp(`The report file ${missing} does not exist`));
    const notJson = tmp.write({ 'set/not.json': '<testsuites/>' });
    expectUserError((await merge([one.file, notJson])), new RegExp(`The report file ${notJson} could not be read as JSON`));
    const notReport = tmp.write({ 'set/other.json': JSON.stringify({ version: 1, status: 'passed' }) });
    expectUserError((await merge([one.file, notReport])), /is not a validate-records JSON report: it has no "summary"/);
    const unsharded = tmp.path('set/whole.json');
    expect((await runCli(['--procs', '2', '--exact-procs', '--no-progress', '-f', `json:${unsharded}`], { env: SMALL })).code).toBe(1);
    expectUserError((await merge([one.file, unsharded])), /was made without --shard/);
    // Alone, an unsharded report is simply written again, in any format.
    const alone = await merge([unsharded]);
    expect(alone.code).toBe(1);
    expect(alone.report.summary.invalidRows).toBe(121);
  });

  it('rejects bad --shard values and --shard with --strategy buckets', async () => {
    expectUserError(await runCli(['--no-progress', '--shard', '3/2'], { env: SMALL }), /--shard must be i\/n/, /"3\/2"/);
    expectUserError(await runCli(['--no-progress', '--shard', '1/2', '--strategy', 'buckets'], { env: SMALL }), /--strategy buckets/);
  });
});
