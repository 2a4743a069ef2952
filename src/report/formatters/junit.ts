import type { RunReport, Sample, TableReport, ViolationCount } from '../model';
import { judgedFindings, keyText, number, otherMessages, plural, tableHeadline, usesBaseline } from '../wording';

/**
 * JUnit XML, as CI systems (GitHub test reporters, GitLab, Jenkins, Azure) read it: one
 * testsuite per entity, one testcase per constraint that rows fail (a failure when it
 * fails the table, else passing with the counts in system-out), one passing testcase for a
 * table with no invalid row, a skipped one for tables without validators or not scanned to
 * the end, and an error for a table that could not be scanned.
 */
export function formatJunit(report: RunReport): string {
  const suites = report.tables.map(testsuite);
  const total = (key: keyof Counts) => suites.reduce((n, s) => n + s.counts[key], 0);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({
      name: 'validate-records',
      tests: total('tests'),
      failures: total('failures'),
      errors: total('errors'),
      skipped: total('skipped'),
      time: secondsAttr(report.summary.durationMs),
    })}>`,
    ...suites.flatMap((s) => s.lines),
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

interface Case {
  name: string;
  /** The child element: <failure>, <error>, <skipped>, <system-out> or none. */
  body: string[];
  outcome: keyof Omit<Counts, 'tests'> | 'passed';
}

function testsuite(table: TableReport): { counts: Counts; lines: string[] } {
  const cases = testcases(table);
  const counts: Counts = { tests: cases.length, failures: 0, errors: 0, skipped: 0 };
  for (const c of cases) if (c.outcome !== 'passed') counts[c.outcome]++;
  const properties: Record<string, string | number> = { table: table.table, status: table.status, rows: table.rows, invalidRows: table.invalidRows };
  if (usesBaseline(table)) {
    Object.assign(properties, { newInvalidRows: table.newInvalidRows ?? 0, knownInvalidRows: table.knownInvalidRows ?? 0 });
    if (table.fixedRows !== null && table.fixedRows !== undefined) properties.fixedRows = table.fixedRows;
  }
  if (table.thresholds) Object.assign(properties, { errorIf: table.thresholds.errorIf ?? 'never', warnIf: table.thresholds.warnIf ?? 'never' });
  return {
    counts,
    lines: [
      `  <testsuite${attributes({ name: table.entity, ...counts, time: secondsAttr(table.durationMs) })}>`,
      '    <properties>',
      ...Object.entries(properties).map(([name, value]) => `      <property${attributes({ name, value })}/>`),
      '    </properties>',
      ...cases.flatMap((c) => [
        `    <testcase${attributes({ classname: table.entity, name: c.name, time: secondsAttr(table.durationMs / cases.length) })}${c.body.length ? '>' : '/>'}`,
        ...(c.body.length ? [...c.body.map((line) => `      ${line}`), '    </testcase>'] : []),
      ]),
      '  </testsuite>',
    ],
  };
}

function testcases(table: TableReport): Case[] {
  const cases = constraintCases(table);
  if (table.status === 'failed' && !cases.some((c) => c.outcome === 'failures')) {
    // Thresholds can fail a table whose constraints alone would not say so ("errorIf": "< 10").
    const message = `${table.entity} (${table.table}): ${tableHeadline(table)}`;
    cases.push({ name: 'thresholds', outcome: 'failures', body: [element('failure', { message, type: 'threshold' }, message)] });
  }
  return cases;
}

function constraintCases(table: TableReport): Case[] {
  switch (table.status) {
    case 'error':
      return [{ name: 'scan', outcome: 'errors', body: [element('error', { message: table.error ?? 'could not be scanned' }, table.error ?? '')] }];
    case 'no-validators':
      return [{ name: 'validators', outcome: 'skipped', body: [element('skipped', { message: 'no validators: nothing to check' })] }];
    case 'cancelled':
      return [{ name: 'scan', outcome: 'skipped', body: [element('skipped', { message: `stopped before the end of the table (${plural(table.rows, 'row')} scanned)` })] }];
  }
  if (table.violations.length === 0) {
    return [{ name: 'all rows valid', outcome: 'passed', body: [] }];
  }
  const judged = judgedFindings(table);
  return table.violations.map((violation) => {
    const name = `${violation.property} ${violation.constraint}`;
    const counted = judged.violations.find((v) => v.property === violation.property && v.constraint === violation.constraint);
    if (table.status === 'failed' && counted) {
      const message = `${plural(counted.count, usesBaseline(table) ? 'new row' : 'row')} of ${number(table.rows)} fail ${name}: ${counted.message}${otherMessages(counted)}`;
      return { name, outcome: 'failures', body: [element('failure', { message, type: violation.constraint }, failureText(table, counted, judged.samples))] };
    }
    return { name, outcome: 'passed', body: [element('system-out', {}, passingNote(table, violation, counted))] };
  });
}

function failureText(table: TableReport, violation: ViolationCount, samples: Sample[]): string {
  const keys = samples
    .filter((s) => s.errors.some((e) => e.property === violation.property && e.constraint === violation.constraint))
    .map((s) => keyText(s.key));
  return [
    `${table.entity} (${table.table}): ${tableHeadline(table)}`,
    `${violation.property} ${violation.constraint}: ${plural(violation.count, 'row')}, first message: ${violation.message}${otherMessages(violation)}`,
    ...(keys.length > 0 ? [`first ${usesBaseline(table) ? 'new ' : ''}invalid rows: ${keys.join('; ')}`] : []),
  ].join('\n');
}

function passingNote(table: TableReport, violation: ViolationCount, counted: ViolationCount | undefined): string {
  const what = `${plural(violation.count, 'row')} fail ${violation.property} ${violation.constraint}`;
  if (usesBaseline(table) && !counted) return `${what}, all known from the baseline`;
  if (table.status === 'warned') return `warning: ${what} (${tableHeadline(table)})`;
  return `${what}, within the thresholds (${tableHeadline(table)})`;
}

function element(name: string, attrs: Record<string, string | number>, text = ''): string {
  return text ? `<${name}${attributes(attrs)}>${escapeText(text)}</${name}>` : `<${name}${attributes(attrs)}/>`;
}

function attributes(attrs: Record<string, string | number>): string {
  return Object.entries(attrs).map(([name, value]) => ` ${name}="${escapeAttribute(String(value))}"`).join('');
}

const secondsAttr = (ms: number) => (ms / 1000).toFixed(3);

/** XML 1.0 cannot carry most control characters or lone surrogates, even escaped. */
function xmlChars(text: string): string {
  return text.replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD');
}

export function escapeText(text: string): string {
  return xmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Line breaks and tabs as character references: a parser would turn raw ones into spaces. */
export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
