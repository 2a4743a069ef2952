/// <reference lib="dom" />
/**
 * The HTML report at scale: a report of 5,000 tables with 50 constraints each, every table
 * failing, written as one page; measures its size, how long formatHtml takes, and in Debian's
 * headless chromium the load time and the time a filter and a sort take.
 * Run: node bench/ts.js bench/html-report.ts [tables] [constraints]   (writes bench/results/html-report.md)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatHtml } from '../src/report/formatters/html';
import type { TableReport } from '../src/report/model';
import { buildRunReport } from '../src/report/run-report';
import { launchChromium, openFile } from '../test/helpers/chromium';

const TABLES = Number(process.argv[2] ?? 5000);
const CONSTRAINTS = Number(process.argv[3] ?? 50);
const SAMPLES = 10;

function bigReport() {
  const tables: TableReport[] = Array.from({ length: TABLES }, (_, t) => {
    const violations = Array.from({ length: CONSTRAINTS }, (_, c) => ({
      property: `column${c}`, constraint: c % 3 === 0 ? 'maxLength' : c % 3 === 1 ? 'isNotEmpty' : 'columnNullable',
      count: 1 + ((t * 31 + c * 7) % 500), message: `column${c} must be shorter than or equal to ${c + 10} characters`,
    }));
    const samples = Array.from({ length: SAMPLES }, (_, s) => ({
      key: { id: s * 97 + t }, errors: [{ property: 'column0', constraint: 'maxLength', message: violations[0].message }],
    }));
    const invalidRows = 500 + ((t * 13) % 4000);
    return { entity: `Entity${t}`, table: `table_${t}`, rows: 100_000 + t, invalidRows, status: 'failed', durationMs: 100 + t, violations, samples, error: null };
  });
  return buildRunReport(tables, { durationMs: 600_000, pool: { procs: 2, requested: 2, reason: 'the benchmark' }, cancelled: false });
}

async function main() {
  const report = bigReport();
  const started = performance.now();
  const html = formatHtml(report);
  const formatMs = performance.now() - started;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'validate-records-html-bench-')), 'report.html');
  fs.writeFileSync(file, html);
  const browser = await launchChromium({ javaScript: true });
  try {
    const loadStarted = performance.now();
    const opening = openFile(browser, file);
    const page0 = await browser.context.waitForEvent('page');
    await page0.waitForSelector('#controls:not([hidden])', { state: 'attached', timeout: 0 });
    const listReadyMs = performance.now() - loadStarted;
    const page = await opening;
    const loadMs = performance.now() - loadStarted;
    // The browser's own clock, from navigation start: parsing, first layout and the script.
    const timing = await page.page.evaluate(() => { const t = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming; return { dom: t.domContentLoadedEventEnd, load: t.loadEventEnd, paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN }; });
    const inPage = (script: string) => page.page.evaluate(script) as Promise<number>;
    if (page.errors.length > 0 || page.requests.length !== 1) throw new Error(`page errors ${page.errors} or requests ${page.requests}`);
    // Filter and sort as a user does, timed in the page until the next frame is painted.
    const untilPainted = (action: string) => `new Promise((done) => { const t = performance.now(); ${action}; requestAnimationFrame(() => setTimeout(() => done(performance.now() - t), 0)); })`;
    const filterMs = await inPage(untilPainted("const q = document.getElementById('q'); q.value = 'table_42'; q.dispatchEvent(new Event('input'))"));
    const shown = await page.page.textContent('#shown');
    await inPage(untilPainted("const q = document.getElementById('q'); q.value = ''; q.dispatchEvent(new Event('input'))"));
    const sortMs = await inPage(untilPainted("document.querySelector('#list th:nth-child(5) button').click()"));
    const openMs = await inPage(untilPainted("document.getElementById('open-all').click()"));
    const lines = [
      `# HTML report at scale (${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} at the end, ${new Date().toISOString().slice(0, 10)})`,
      '',
      `${TABLES.toLocaleString('en-US')} failing tables x ${CONSTRAINTS} constraints, ${SAMPLES} sample keys each; Chromium ${browser.context.browser()?.version() ?? '(Debian)'} headless.`,
      '',
      '| measure | value |',
      '| --- | ---: |',
      `| page size | ${(Buffer.byteLength(html) / 1024 / 1024).toFixed(1)} MB |`,
      `| formatHtml | ${Math.round(formatMs)} ms |`,
      `| first contentful paint (verdict and summary shown), browser clock | ${Math.round(timing.paint)} ms |`,
      `| list sortable and filterable (its script has run), as Playwright sees it | ${Math.round(listReadyMs)} ms |`,
      `| DOMContentLoaded (whole page parsed), browser clock | ${Math.round(timing.dom)} ms |`,
      `| load event, browser clock | ${Math.round(timing.load)} ms |`,
      `| page.goto until load, as Playwright sees it | ${Math.round(loadMs)} ms |`,
      `| filter the list by text (${shown}) | ${Math.round(filterMs)} ms |`,
      `| sort the list by invalid rows | ${Math.round(sortMs)} ms |`,
      `| expand all ${TABLES.toLocaleString('en-US')} sections | ${Math.round(openMs)} ms |`,
      '',
    ];
    fs.writeFileSync(path.join(__dirname, 'results/html-report.md'), lines.join('\n'));
    process.stdout.write(lines.join('\n'));
  } finally {
    await browser.close();
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

main().catch((error) => { console.error(error); process.exit(1); });
