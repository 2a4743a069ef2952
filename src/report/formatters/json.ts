import type { RunReport } from '../model';

export function formatJson(report: RunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
