/// <reference lib="dom" />
import * as fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHtml } from '../src/report/formatters/html';
import { formatJson } from '../src/report/formatters/json';
import type { RunReport, TableReport, TableStatus } from '../src/report/model';
import { buildRunReport } from '../src/report/run-report';
import { launchChromium, openFile, type Browser, type LoadedPage } from './helpers/chromium';
import { runCli } from './helpers/run-cli';
import { ENTITIES_TS, INVALID_ROWS, SCHEMA_SQL, TempDir, createDatabase, dataSourceTs } from './helpers/temp-project';

/**
 * --format html: one self-contained page, checked in Debian's headless chromium.
 * HTML_SCREENSHOTS=<folder> keeps the pages and screenshots, to look at the design.
 */

const STATUSES: TableStatus[] = ['failed', 'passed', 'warned', 'passed', 'no-validators', 'failed', 'passed', 'error', 'passed', 'cancelled'];

/**
 * 30 tables of every status compared with a baseline, with fields other engineers add
 * (declaration constraints, pushdown counts, pool facts) that the page must show generically.
 */
function generatedReport(): RunReport {
  const tables: TableReport[] = STATUSES.concat(STATUSES, STATUSES).map((status, i) => {
    const rows = 1000 + i * 137;
    const scanned = status !== 'error' && status !== 'no-validators';
    const invalid = scanned && status !== 'passed' ? 3 + ((i * 7) % 23) : 0;
    const known = Math.floor(invalid / 3);
    const violations = invalid === 0 ? [] : [
      { property: 'title', constraint: 'maxLength', count: invalid, message: `title must be shorter than or equal to ${i + 10} characters` },
      { property: 'authorId', constraint: 'foreignKey', count: Math.ceil(invalid / 2), message: 'authorId points to no row of authors <b>' },
      { property: 'slug', constraint: 'columnNullable', count: 1, message: 'slug is NULL but the column is declared NOT NULL' },
    ];
    const samples = invalid === 0 ? [] : [{ key: { id: i * 10 + 1 }, errors: [{ property: 'title', constraint: 'maxLength', message: violations[0].message }] }];
    return {
      entity: `Entity${String(i + 1).padStart(2, '0')}`,
      table: `table_${i + 1}`,
      rows: status === 'error' ? 0 : rows,
      invalidRows: invalid,
      status,
      durationMs: 20 + i * 31,
      violations,
      samples,
      error: status === 'error' ? `table "table_${i + 1}" does not exist in the database` : null,
      baselineRows: known + 1,
      fixedRows: scanned ? 1 : null,
      knownInvalidRows: known,
      newInvalidRows: invalid - known,
      newViolations: violations.map((v) => ({ ...v, count: Math.max(1, v.count - known) })),
      newSamples: samples,
      ...(status === 'warned' ? { thresholds: { errorIf: '> 5%', warnIf: '> 0' } } : {}),
      ...(i === 0 ? { pushdown: 'rows read only where the SQL filter says they can fail' } : {}),
    } as TableReport;
  });
  const report = buildRunReport(tables, { durationMs: 4321, pool: { procs: 2, requested: 8, reason: 'a worker costs more than these tables take' }, cancelled: false, baseline: 'baseline.jsonl',
    fallbackClasses: [{ className: 'Entity02', reason: 'a custom validator with a constructor' }] });
  Object.assign(report.summary, { rowsHydrated: 1234, hydrationNote: 'only rows the SQL filter selects are hydrated' });
  return report;
}

const visibleRows = (p: LoadedPage) =>
  p.page.$$eval('#list tbody tr', (rows) => rows.filter((r) => !(r as HTMLElement).hidden).map((r) => Array.from((r as HTMLTableRowElement).cells, (c) => c.textContent!.trim())));
const number = (text: string) => Number(text.replace(/,/g, ''));

describe('--format html', () => {
  let tmp: TempDir;
  let browser: Browser;
  let cliPage: string;
  let cliJson: RunReport;
  let mergedPage: string;
  let generated: RunReport;

  beforeAll(async () => {
    tmp = new TempDir('html');
    const database = createDatabase(tmp.path('db/app.sqlite'), SCHEMA_SQL, INVALID_ROWS);
    const dataSource = tmp.write({ 'app/data-source.ts': dataSourceTs(database), 'app/entities.ts': ENTITIES_TS });
    generated = generatedReport();
    tmp.write({ 'generated.json': formatJson(generated) });
    cliPage = tmp.path('out/cli/report.html');
    mergedPage = tmp.path('out/merged.html');
    const [run, merged, launched] = await Promise.all([
      runCli(['-d', dataSource, '--procs', '1', '--no-progress', '-f', `html:${cliPage}`, '-f', `json:${tmp.path('out/cli.json')}`]),
      runCli(['merge-reports', tmp.path('generated.json'), '-f', `html:${mergedPage}`]),
      launchChromium({ javaScript: true }),
    ]);
    browser = launched;
    expect(run.code, run.stderr).toBe(1);
    expect(merged.code, merged.stderr).toBe(2); // the generated run has a table that could not be scanned
    expect(merged.stdout + merged.stderr).toBe('');
    cliJson = JSON.parse(fs.readFileSync(tmp.path('out/cli.json'), 'utf8'));
  });

  afterAll(async () => {
    await browser?.close();
    tmp?.cleanup();
  });

  it('is one file that names nothing outside itself', () => {
    for (const file of [cliPage, mergedPage]) {
      const html = fs.readFileSync(file, 'utf8');
      expect(html.startsWith('<!doctype html>')).toBe(true);
      // Every link is a fragment of the page itself; no stylesheet, script, image or font is loaded.
      const targets = [...html.matchAll(/\b(?:href|src|action|srcset|poster|data)\s*=\s*"([^"]*)"/g)].map((m) => m[1]);
      expect(targets.length).toBeGreaterThan(0);
      for (const target of targets) expect(target, file).toMatch(/^#t\d+$/);
      expect(html).not.toMatch(/url\(|@import|<link\b|<iframe|<img\b|https?:|\/\/[a-z]/i);
    }
  });

  it('shows the CLI run: verdict, exit code, every table and count, constraints and sample keys, no row values', async () => {
    const p = await openFile(browser, cliPage);
    expect(p.errors).toEqual([]);
    expect(p.requests).toEqual([p.page.url()]);
    expect(await p.page.textContent('header.verdict')).toContain('FAILED');
    expect(await p.page.textContent('header.verdict')).toContain('exit code 1');
    expect(await p.page.textContent('.sentence')).toBe('FAILED: 3 invalid rows in 2 of 2 tables.');
    const tiles = Object.fromEntries(await p.page.$$eval('.tiles div', (ds) => ds.map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent])));
    expect(tiles).toMatchObject({ tables: '2', rows: '7', 'invalid rows': '3', 'failed tables': '2', processes: '1' });
    const rows = await visibleRows(p);
    expect(rows.map((r) => [r[0], r[1], r[2], number(r[3]), number(r[4])])).toEqual(
      cliJson.tables.map((t) => [t.status, t.entity, t.table, t.rows, t.invalidRows]));
    for (const table of cliJson.tables) {
      const section = p.page.locator(`details.d:has(summary b:text-is("${table.entity}"))`);
      expect(await section.getAttribute('open')).toBe(''); // few failing tables: open from the start
      const bars = await section.locator('table.v tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from((tr as HTMLTableRowElement).cells, (c) => c.textContent)));
      expect(bars.map((b) => [b[0], b[1], number(b[2]!), b[5]])).toEqual(table.violations.map((v) => [v.property, v.constraint, v.count, v.message]));
      const keys = await section.locator('table.samples tbody td:first-child').allTextContents();
      expect(keys).toEqual(table.samples.map((s) => Object.entries(s.key).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')));
    }
    expect(await p.page.locator('svg.chart a').count()).toBe(2);
    const body = await p.page.textContent('body');
    expect(body).not.toContain('not-an-email'); // row values only with --show-values
    await p.page.screenshot({ path: tmp.path('out/cli.png'), fullPage: true });
    expect(fs.readFileSync(tmp.path('out/cli.png')).subarray(1, 4).toString()).toBe('PNG');
    await p.page.close();
  });

  it('shows the merged generated report: every table, baseline counts, errors, stops and the notes of newer fields', async () => {
    const p = await openFile(browser, mergedPage);
    expect(p.errors).toEqual([]);
    expect(p.requests).toEqual([p.page.url()]);
    expect(await p.page.textContent('header.verdict')).toContain('exit code 2');
    const rows = await visibleRows(p);
    expect(rows).toHaveLength(30);
    expect(await p.page.textContent('#shown')).toBe('30 of 30 tables shown');
    for (const [i, t] of generated.tables.entries()) {
      const scanned = t.status !== 'error' && t.status !== 'no-validators';
      expect(rows[i].slice(1, 3)).toEqual([t.entity, t.table]);
      expect(number(rows[i][3])).toBe(t.rows);
      if (scanned) expect([number(rows[i][4]), number(rows[i][5]), number(rows[i][6])]).toEqual([t.invalidRows, t.newInvalidRows, t.fixedRows]);
    }
    const tiles = Object.fromEntries(await p.page.$$eval('.tiles div', (ds) => ds.map((d) => [d.querySelector('dt')!.textContent, d.querySelector('dd')!.textContent])));
    const s = generated.summary;
    expect(tiles).toMatchObject({
      tables: '30', 'invalid rows': String(s.invalidRows), 'new invalid rows': String(s.newInvalidRows), 'known from the baseline': String(s.knownInvalidRows),
      'warned tables': '3', 'errored tables': '3', processes: '2 of 8 allowed', 'rows hydrated': '1,234',
    });
    expect(await p.page.textContent('.tiles + .notes')).toBe('hydration noteonly rows the SQL filter selects are hydrated');
    expect(await p.page.textContent('body')).toContain('Ran in 2 processes, not the 8 --procs allows: a worker costs more than these tables take.');
    const withInvalid = generated.tables.filter((t) => t.invalidRows > 0);
    expect(await p.page.locator('svg.chart a').count()).toBe(withInvalid.length);
    const worst = [...withInvalid].sort((a, b) => b.invalidRows - a.invalidRows)[0];
    expect(await p.page.locator('svg.chart a text').first().textContent()).toBe(`${worst.entity} (${worst.table})`);
    // Many tables to look at: the sections start closed; an error and a stop are explained.
    expect(await p.page.locator('details.d[open]').count()).toBe(0);
    expect(await p.page.textContent('details.d.error')).toContain('Could not be scanned: table "table_8" does not exist in the database');
    expect(await p.page.textContent('details.d.cancelled')).toContain('stopped before this table was scanned in full');
    const first = p.page.locator('#t1');
    expect(await first.textContent()).toContain('columnNullable');
    expect(await first.textContent()).toContain('authorId points to no row of authors <b>');
    expect(await first.textContent()).toContain('pushdown');
    expect(await p.page.textContent('body')).toContain('Entity02 is validated by class-validator itself');
    // A link from the list opens its section.
    await p.page.click('#list a[href="#t1"]');
    await expect.poll(() => first.getAttribute('open')).toBe('');
    await p.page.evaluate(() => window.scrollTo(0, 0));
    await p.page.screenshot({ path: tmp.path('out/merged.png'), fullPage: true });
    if (process.env.HTML_SCREENSHOTS) fs.cpSync(tmp.path('out'), process.env.HTML_SCREENSHOTS, { recursive: true });
    await p.page.close();
  });

  it('sorts by any column and filters by text and status', async () => {
    const p = await openFile(browser, mergedPage);
    const column = async (i: number) => (await visibleRows(p)).map((r) => r[i]);
    await p.page.click('#list th:nth-child(4) button'); // Rows: largest first
    const rows = (await column(3)).map(number);
    expect(rows).toEqual([...rows].sort((a, b) => b - a));
    await p.page.click('#list th:nth-child(4) button');
    expect((await column(3)).map(number)).toEqual([...rows].sort((a, b) => a - b));
    expect(await p.page.getAttribute('#list th:nth-child(4)', 'aria-sort')).toBe('ascending');
    await p.page.click('#list th:nth-child(2) button'); // Entity: A to Z, then Z to A
    const entities = await column(1);
    expect(entities).toEqual([...entities].sort());
    await p.page.click('#list th:nth-child(2) button');
    expect(await column(1)).toEqual([...entities].sort().reverse());
    await p.page.click('#list th:nth-child(1) button'); // Status: worst first
    expect((await column(0)).slice(0, 6)).toEqual(Array(6).fill('failed'));

    await p.page.selectOption('#st', 'failed');
    expect((await column(0))).toEqual(Array(6).fill('failed'));
    expect(await p.page.textContent('#shown')).toBe('6 of 30 tables shown');
    await p.page.fill('#q', 'table_1');
    expect((await column(2)).sort()).toEqual(['table_1', 'table_11', 'table_16']);
    await p.page.selectOption('#st', 'problems');
    expect(new Set(await column(0))).toEqual(new Set(['failed', 'error', 'warned', 'stopped']));
    expect((await column(2)).every((t) => t.startsWith('table_1'))).toBe(true);
    await p.page.selectOption('#st', 'all');
    await p.page.fill('#q', '');
    expect(await visibleRows(p)).toHaveLength(30);
    await p.page.click('#open-all');
    expect(await p.page.locator('details.d:not([open])').count()).toBe(0);
    expect(p.errors).toEqual([]);
    await p.page.close();
  });

  it('with scripts off still shows every table and section, without the controls', async () => {
    const off = await launchChromium({ javaScript: false });
    try {
      const p = await openFile(off, mergedPage);
      expect(p.requests).toEqual([p.page.url()]);
      expect(await visibleRows(p)).toHaveLength(30);
      expect(await p.page.isVisible('#controls')).toBe(false);
      expect(await p.page.locator('#list th button').count()).toBe(0);
      expect(await p.page.locator('details.d').count()).toBe(generated.tables.filter((t) => t.status !== 'passed' && t.status !== 'no-validators').length);
      await p.page.click('#t1 summary'); // <details> opens without a script
      expect(await p.page.isVisible('#t1 table.v')).toBe(true);
    } finally {
      await off.close();
    }
  });

  it('the request recorder sees a request when a page makes one', async () => {
    const probe = tmp.write({ 'probe.html': '<!doctype html><img src="http://192.0.2.1/x.png">' });
    const p = await openFile(browser, probe);
    expect(p.requests).toContain('http://192.0.2.1/x.png');
    await p.page.close();
  });

  it('shows row values only when the report carries them (--show-values), shard pieces, and a stopped run', () => {
    const report = generatedReport();
    expect(formatHtml(report)).not.toContain('value:');
    report.tables[0].newSamples = [{ key: { id: 1 }, errors: [{ property: 'title', constraint: 'maxLength', message: 'too long', value: 'x'.repeat(12) }] }];
    expect(formatHtml(report)).toContain(`value: &quot;${'x'.repeat(12)}&quot;`);

    const shard = buildRunReport([{
      entity: 'Post', table: 'posts', rows: 10, invalidRows: 1, status: 'failed', durationMs: 5, error: null,
      violations: [{ property: 'title', constraint: 'unique', count: 1, message: 'title is not unique' }], samples: [],
      parts: [{ part: 2, of: 3, complete: true, error: null, report: null }, { part: 3, of: 3, complete: false, error: 'connection lost', report: null }],
    }], { durationMs: 10, pool: { procs: 1, requested: 1, reason: '' }, cancelled: true, shard: { index: 2, count: 2, plan: 'p', tables: ['posts'], maxSamples: 10 } });
    const html = formatHtml(shard);
    expect(html).toContain('<h1>CANCELLED</h1><p class="exit">exit code 130</p>');
    expect(html).toContain('This is shard 2 of 2');
    expect(html).toContain('This shard scanned 2 of the table\'s 3 pieces.');
    expect(html).toContain('piece 3 of 3: could not be scanned: connection lost');
    expect(html).toContain('<td>unique<td>1<td>10.0%');
  });

  it('escapes text from the database and validators', () => {
    const report = generatedReport();
    report.tables[0].entity = '<script>alert(1)</script>';
    report.tables[0].violations[0].message = '"><img src=x onerror=alert(1)>';
    const html = formatHtml(report);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
