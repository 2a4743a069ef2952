import { canonicalKey, type OracleTable } from '../oracle/oracle-result';

/** A table of our JSON report (run with every invalid row as a sample) in the oracle's terms. */
export function asOracleTable(table: any): Omit<OracleTable, 'noValidators'> {
  const violations = Object.fromEntries(table.violations.map((v: any) => [`${v.property}:${v.constraint}`, v.count]));
  const invalidRowFindings = Object.fromEntries(table.samples.map((sample: any) => [
    canonicalKey(sample.key),
    [...new Set(sample.errors.map((e: any) => `${e.property}:${e.constraint}`))].sort(),
  ]));
  return { entity: table.entity, table: table.table, rows: table.rows, invalidRows: table.invalidRows, violations, invalidRowFindings };
}
