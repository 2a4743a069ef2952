import * as fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../src/report/formatters/github';
import { formatJunit } from '../src/report/formatters/junit';
import { formatMarkdown } from '../src/report/formatters/markdown';
import { formatText } from '../src/report/formatters/text';
import type { RunReport, TableReport } from '../src/report/model';
import { parseOutputTargets } from '../src/report/output-targets';
import { buildRunReport } from '../src/report/run-report';
import { findAll, parseXml, type XmlElement } from './helpers/parse-xml';
import { runCli, runJson } from './helpers/run-cli';
import { INVALID_ROWS, SCHEMA_SQL, TempDir, createDatabase, dataSourceTs } from './helpers/temp-project';

/** The CI formats: JUnit XML that parsers accept, GitHub workflow commands, markdown; several outputs per run. */

function table(fields: Partial<TableReport> & Pick<TableReport, 'entity' | 'table'>): TableReport {
  return { rows: 10, rowsHydrated: 10, invalidRows: 0, status: 'passed', durationMs: 120, violations: [], samples: [], error: null, ...fields };
}

const emailViolation = { property: 'email', constraint: 'isEmail', count: 2, message: 'email must be an email' };
const nameViolation = { property: 'name', constraint: 'maxLength', count: 1, message: 'name must be shorter than or equal to 40 characters' };

/** One table of every kind. */
function mixedReport(): RunReport {
  return buildRunReport([
    table({
      entity: 'User', table: 'users', rows: 4, invalidRows: 3, status: 'failed',
      violations: [emailViolation, nameViolation],
      samples: [
        { key: { id: 2 }, errors: [{ property: 'email', constraint: 'isEmail', message: 'email must be an email' }] },
        { key: { id: 4 }, errors: [{ property: 'email', constraint: 'isEmail', message: 'email must be an email' }] },
        { key: { id: 7 }, errors: [{ property: 'name', constraint: 'maxLength', message: nameViolation.message }] },
      ],
    }),
    table({ entity: 'Post', table: 'posts', rows: 3 }),
    table({ entity: 'Tag', table: 'tags', status: 'no-validators' }),
    table({ entity: 'Log', table: 'logs', rows: 0, status: 'error', error: 'table "logs" of entity Log does not exist in the database' }),
    table({
      entity: 'Note', table: 'notes', rows: 50, invalidRows: 1, status: 'warned', thresholds: { errorIf: '> 5', warnIf: '> 0' },
      violations: [{ property: 'body', constraint: 'minLength', count: 1, message: 'body is too short' }],
      samples: [{ key: { id: 9 }, errors: [{ property: 'body', constraint: 'minLength', message: 'body is too short' }] }],
    }),
  ], { durationMs: 1500, pool: { procs: 2, requested: 2, reason: 'test' }, cancelled: false });
}

const suite = (root: XmlElement, name: string) => findAll(root, 'testsuite').find((s) => s.attributes.name === name)!;
const count = (element: XmlElement, child: string) => findAll(element, child).length;

describe('the test XML parser', () => {
  it('rejects what CI parsers reject', () => {
    expect(parseXml('<?xml version="1.0"?>\n<a x="1&amp;2"><b/>t&lt;</a>\n')).toEqual({
      name: 'a', attributes: { x: '1&2' }, children: [{ name: 'b', attributes: {}, children: [], text: '' }], text: 't<',
    });
    for (const bad of ['<a>1 & 2</a>', '<a><b></a></b>', '<a x="<"/>', '<a x="1" x="2"/>', '<a>\u0001</a>', '<a/><b/>', '<a x=1/>', '<a>&nbsp;</a>', '<a>&#1;</a>']) {
      expect(() => parseXml(bad), bad).toThrow();
    }
  });
});

describe('--format junit', () => {
  it('is well-formed XML whose counts match its testcases: failures, skipped, errors, passing', () => {
    const root = parseXml(formatJunit(mixedReport()));
    expect(root.name).toBe('testsuites');
    const cases = findAll(root, 'testcase');
    expect(root.attributes).toMatchObject({
      tests: String(cases.length),
      failures: String(count(root, 'failure')),
      errors: String(count(root, 'error')),
      skipped: String(count(root, 'skipped')),
      time: '1.500',
    });
    expect(findAll(root, 'testsuite').map((s) => s.attributes.name)).toEqual(['User', 'Post', 'Tag', 'Log', 'Note']);
    for (const s of findAll(root, 'testsuite')) {
      expect(s.attributes.tests).toBe(String(count(s, 'testcase')));
      expect(s.attributes.failures).toBe(String(count(s, 'failure')));
      expect(s.attributes.errors).toBe(String(count(s, 'error')));
      expect(s.attributes.skipped).toBe(String(count(s, 'skipped')));
    }
    // One testcase per failing constraint, each a failure with its count and sample keys.
    const users = suite(root, 'User');
    expect(findAll(users, 'testcase').map((c) => c.attributes.name)).toEqual(['email isEmail', 'name maxLength']);
    const [emailFailure, nameFailure] = findAll(users, 'failure');
    expect(emailFailure.attributes.message).toBe('2 rows of 4 fail email isEmail: email must be an email');
    expect(emailFailure.text).toContain('first invalid rows: id=2; id=4');
    expect(emailFailure.text).not.toContain('id=7');
    expect(nameFailure.text).toContain('first invalid rows: id=7');
    // A passing table is one passing testcase, no validators is skipped, an unscannable table an error.
    expect(findAll(suite(root, 'Post'), 'testcase')).toEqual([
      { name: 'testcase', attributes: expect.objectContaining({ name: 'all rows valid', classname: 'Post' }), children: [], text: '' },
    ]);
    expect(findAll(suite(root, 'Tag'), 'skipped')[0].attributes.message).toMatch(/no validators/);
    expect(findAll(suite(root, 'Log'), 'error')[0].attributes.message).toMatch(/does not exist/);
    // A warned table passes, with the warning in system-out.
    const note = suite(root, 'Note');
    expect(count(note, 'failure')).toBe(0);
    expect(findAll(note, 'system-out')[0].text).toMatch(/^warning: 1 row fail body minLength/);
    expect(findAll(note, 'property').find((p) => p.attributes.name === 'errorIf')?.attributes.value).toBe('> 5');
  });

  it('escapes markup, quotes, line breaks and characters XML cannot carry', () => {
    const nasty = `<b>"Tom" & 'Jerry'</b>\nline two\ttab \u0001 \uD800 ]]> end`;
    const report = buildRunReport([
      table({
        entity: 'Weird<&>', table: 'we"ird', rows: 1, invalidRows: 1, status: 'failed',
        violations: [{ property: 'p&q', constraint: 'c<d', count: 1, message: nasty }],
        samples: [{ key: { 'k"ey': '<&>' }, errors: [{ property: 'p&q', constraint: 'c<d', message: nasty }] }],
      }),
    ], { durationMs: 10, pool: { procs: 1, requested: 1, reason: 'test' }, cancelled: false });
    const root = parseXml(formatJunit(report));
    const readable = nasty.replace('\u0001', '\uFFFD').replace('\uD800', '\uFFFD');
    expect(findAll(root, 'testsuite')[0].attributes.name).toBe('Weird<&>');
    expect(findAll(root, 'testcase')[0].attributes.name).toBe('p&q c<d');
    const failure = findAll(root, 'failure')[0];
    // Line breaks and tabs survive in attributes because they are written as references.
    expect(failure.attributes.message).toBe(`1 row of 1 fail p&q c<d: ${readable}`);
    expect(failure.text).toContain(readable);
    expect(failure.text).toContain('k"ey="<&>"');
    expect(findAll(root, 'property').find((p) => p.attributes.name === 'table')?.attributes.value).toBe('we"ird');
  });

  it('with a baseline, only new failures fail; known ones pass with a note', () => {
    const report = buildRunReport([
      table({
        entity: 'User', table: 'users', rows: 4, invalidRows: 3, status: 'failed',
        violations: [emailViolation, nameViolation],
        samples: [],
        newInvalidRows: 1, knownInvalidRows: 2, baselineRows: 3, fixedRows: 1,
        newViolations: [{ ...nameViolation, count: 1 }],
        newSamples: [{ key: { id: 7 }, errors: [{ property: 'name', constraint: 'maxLength', message: nameViolation.message }] }],
      }),
    ], { durationMs: 10, pool: { procs: 1, requested: 1, reason: 'test' }, cancelled: false, baseline: 'baseline.json' });
    const root = parseXml(formatJunit(report));
    const failures = findAll(root, 'failure');
    expect(failures).toHaveLength(1);
    expect(failures[0].attributes.message).toBe(`1 new row of 4 fail name maxLength: ${nameViolation.message}`);
    expect(failures[0].text).toContain('first new invalid rows: id=7');
    const passing = findAll(root, 'testcase').find((c) => c.attributes.name === 'email isEmail')!;
    expect(findAll(passing, 'system-out')[0].text).toBe('2 rows fail email isEmail, all known from the baseline');
    const properties = Object.fromEntries(findAll(root, 'property').map((p) => [p.attributes.name, p.attributes.value]));
    expect(properties).toMatchObject({ newInvalidRows: '1', knownInvalidRows: '2', fixedRows: '1' });
  });
});

/** What GitHub does with a workflow command's message and properties. */
const unescapeData = (text: string) => text.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%');
const unescapeProperty = (text: string) => unescapeData(text.replace(/%3A/g, ':').replace(/%2C/g, ','));

describe('--format github', () => {
  it('escapes messages and properties by the workflow-command rules', () => {
    expect(escapeData('100% done\r\nnext: a, b')).toBe('100%25 done%0D%0Anext: a, b');
    expect(escapeProperty('100% done\nnext: a, b')).toBe('100%25 done%0Anext%3A a%2C b');
    // %0A typed by a user must not come back as a line break.
    expect(unescapeData(escapeData('literal %0A stays'))).toBe('literal %0A stays');
  });

  it('annotates failed and unscannable tables as errors and warned tables as warnings, nothing else', () => {
    const lines = formatGithub(mixedReport()).trimEnd().split('\n');
    const commands = lines.filter((line) => line.startsWith('::'));
    expect(commands.map((line) => /^::(\w+) title=([^:]*)::/.exec(line)!.slice(1).map((s, i) => (i === 1 ? unescapeProperty(s) : s)))).toEqual([
      ['error', 'validate-records: User (users)'],
      ['error', 'validate-records: Log (logs)'],
      ['warning', 'validate-records: Note (notes)'],
    ]);
    // Every command is one line; the message decodes to the details.
    const user = unescapeData(commands[0].slice(commands[0].indexOf('::', 2) + 2));
    expect(user.split('\n')).toEqual([
      '3 of 4 rows invalid',
      'email isEmail: 2 rows (email must be an email)',
      'name maxLength: 1 row (name must be shorter than or equal to 40 characters)',
      'first invalid rows: id=2; id=4; id=7',
    ]);
    expect(lines[lines.length - 1]).toBe('ERROR: 1 table could not be scanned; 4 invalid rows in the others.');
  });
});

describe('--format markdown', () => {
  it('lists every table and the failing ones in detail, with cell text escaped', () => {
    const report = mixedReport();
    report.tables[0].violations[0].message = 'a | b\nc <script>';
    const markdown = formatMarkdown(report);
    expect(markdown).toMatch(/^## validate-records: ERROR\n/);
    const overview = markdown.split('\n').filter((line) => /^\| (✅|⚠️|❌|💥|➖|⏹️) \|/.test(line));
    expect(overview).toHaveLength(5);
    expect(markdown).toContain('| email | isEmail | 2 | a \\| b c \\<script\\> |');
    expect(markdown).toContain('### ⚠️ Note (notes)');
    expect(markdown).toContain('First invalid rows: id=2; id=4; id=7');
    expect(markdown).toContain('Could not be scanned: table "logs" of entity Log does not exist in the database');
  });
});

describe('--format targets', () => {
  it('take name or name:file, at most one to stdout', () => {
    expect(parseOutputTargets([])).toEqual([{ format: 'text' }]);
    expect(parseOutputTargets(['text', 'junit:reports/v.xml', 'json:C:\\ci\\r.json'])).toEqual([
      { format: 'text' }, { format: 'junit', file: 'reports/v.xml' }, { format: 'json', file: 'C:\\ci\\r.json' },
    ]);
    expect(() => parseOutputTargets(['text', 'json'])).toThrow(/Only one --format can go to stdout, got text and json.*--format json:path/);
    expect(() => parseOutputTargets(['xml'])).toThrow(/text, json, junit, github, markdown.*"xml"/);
    expect(() => parseOutputTargets(['junit:'])).toThrow(/names no file/);
    expect(() => parseOutputTargets(['junit:a.xml', 'json:./a.xml'])).toThrow(/same file/);
  });
});

describe('several outputs in one run (real CLI)', () => {
  let tmp: TempDir;
  let dataSource: string;

  beforeAll(() => {
    tmp = new TempDir('formats');
    tmp.write({
      'app/entities.ts': `
        import { Column, Entity, PrimaryColumn } from 'typeorm';
        import { IsEmail, MinLength } from 'class-validator';
        @Entity('users') export class User {
          @PrimaryColumn() id: number;
          @Column() name: string;
          @Column() @IsEmail({}, { message: 'email: 100% wrong, see\\nthe guide' }) email: string;
        }
        @Entity('posts') export class Post {
          @PrimaryColumn() id: number;
          @Column() @MinLength(3) title: string;
        }
      `,
    });
    const database = createDatabase(tmp.path('db/app.sqlite'), SCHEMA_SQL, INVALID_ROWS);
    dataSource = tmp.write({ 'app/data-source.ts': dataSourceTs(database) });
  });

  afterAll(() => tmp?.cleanup());

  it('writes text to stdout and junit, json and github files, and the job summary, from one scan', async () => {
    const summary = tmp.path('gh/step-summary.md');
    fs.mkdirSync(tmp.path('gh'));
    fs.writeFileSync(summary, '# earlier step\n');
    const result = await runCli([
      '-d', dataSource, '--procs', '1', '--no-progress',
      '--format', 'text', '-f', `junit:${tmp.path('out/nested/report.xml')}`, '-f', `json:${tmp.path('out/report.json')}`, '-f', `github:${tmp.path('out/gh.txt')}`,
    ], { env: { GITHUB_STEP_SUMMARY: summary } });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/FAILED: 3 invalid rows in 2 of 2 tables/);
    const json = JSON.parse(fs.readFileSync(tmp.path('out/report.json'), 'utf8'));
    const root = parseXml(fs.readFileSync(tmp.path('out/nested/report.xml'), 'utf8'));
    expect(Number(root.attributes.failures)).toBe(json.tables.reduce((n: number, t: any) => n + t.violations.length, 0));
    const userFailure = findAll(suite(root, 'User'), 'failure')[0];
    expect(userFailure.attributes.message).toBe('2 rows of 4 fail email isEmail: email: 100% wrong, see\nthe guide');
    expect(userFailure.text).toContain('first invalid rows: id=2; id=4');
    // The annotation of a real validator message: one line, escaped, decoding to the message.
    const annotations = fs.readFileSync(tmp.path('out/gh.txt'), 'utf8').split('\n').filter((line) => line.startsWith('::error'));
    expect(annotations).toHaveLength(2);
    const user = annotations.find((line) => line.startsWith('::error title=validate-records%3A User (users)::'))!;
    expect(user).toContain('email isEmail: 2 rows (email: 100%25 wrong, see%0Athe guide)');
    expect(unescapeData(user)).toContain('email: 100% wrong, see\nthe guide');
    // The job summary is appended to, not replaced.
    const written = fs.readFileSync(summary, 'utf8');
    expect(written).toMatch(/^# earlier step\n## validate-records: FAILED\n/);
    expect(written).toContain('| ❌ | User | users | 2 | 4 |');
  });

  it('when every report goes to a file, the verdict still reaches stderr, and stdout stays empty', async () => {
    const file = tmp.path('only-files/report.json');
    const result = await runCli(['-d', dataSource, '--procs', '1', '--no-progress', '-f', `json:${file}`]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`validate-records: FAILED: 3 invalid rows in 2 of 2 tables. Reports: ${file}\n`);
  });

  it('--format github alone writes annotations to stdout, no summary without $GITHUB_STEP_SUMMARY', async () => {
    const result = await runCli(['-d', dataSource, '--procs', '1', '--no-progress', '-f', 'github'], { env: { GITHUB_STEP_SUMMARY: '' } });
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n').filter((l) => l.startsWith('::error '))).toHaveLength(2);
  });

  it('a report file that cannot be written is a clear error (exit 2)', async () => {
    const blocker = tmp.write({ 'blocker': 'a file, not a folder' });
    const { code, stderr } = await runCli(['-d', dataSource, '--procs', '1', '--no-progress', '-f', `junit:${blocker}/r.xml`]);
    expect(code).toBe(2);
    expect(stderr).toMatch(new RegExp(`^validate-records: The --format junit report file ${blocker}/r.xml cannot be written: ${blocker} is not a folder`));
  });

  it('the JSON report still carries the contract fields and the text report matches it', async () => {
    const { report } = await runJson(['-d', dataSource, '--procs', '1']);
    expect(report.summary).toMatchObject({ tables: 2, invalidRows: 3, failedTables: 2, warnedTables: 0 });
    expect(formatText(report)).toMatch(/FAILED: 3 invalid rows in 2 of 2 tables/);
  });
});

describe('numbers in reports', () => {
  it('are written as toLocaleString("en-US") writes them', async () => {
    const { number } = await import('../src/report/wording');
    const values = [0, -0, 1, 12, 999, 1000, 12_345, 999_999, 1_000_000, 1_232_687, -1, -1234, -123_456_789,
      Number.MAX_SAFE_INTEGER, 2 ** 60, 0.5, 1234.5678, -0.25, NaN, Infinity];
    for (const value of values) expect(number(value), String(value)).toBe(value.toLocaleString('en-US'));
  });
});
