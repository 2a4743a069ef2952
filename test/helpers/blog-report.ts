import { expect } from 'vitest';
import { blogExpectations } from '../../fixtures/blog/blog-tables';

/**
 * What every run must report, whatever --procs (or the database) is: exact counts, same
 * samples; not timings, nor rowsHydrated, which depends on pushdown (the pushdown tests check it).
 */
export function comparable(report: any) {
  return report.tables.map(({ durationMs, rowsHydrated, ...rest }: any) => rest);
}

export function expectBlogCounts(report: any, scale: number) {
  const expected = blogExpectations(scale);
  expect(report.tables).toHaveLength(expected.length);
  for (const table of expected) {
    const actual = report.tables.find((t: any) => t.table === table.table);
    expect(actual, table.table).toBeDefined();
    expect(actual.rows).toBe(table.rows);
    expect(actual.invalidRows).toBe(table.invalidRows);
    const violations = Object.fromEntries(actual.violations.map((v: any) => [`${v.property}:${v.constraint}`, v.count]));
    expect(violations).toEqual(table.violations);
  }
}
