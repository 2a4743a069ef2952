import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../errors';
import { FORMATTERS } from './formatters';
import { formatMarkdown } from './formatters/markdown';
import type { RunReport } from './model';
import type { OutputTarget } from './output-targets';
import { makeFolderOf } from './prepare-outputs';

/**
 * Writes the report in every requested format. With the github format inside GitHub
 * Actions ($GITHUB_STEP_SUMMARY set), the markdown report is also appended to the job summary.
 */
export function writeOutputs(report: RunReport, targets: OutputTarget[], env: NodeJS.ProcessEnv = process.env): void {
  for (const target of targets) {
    const text = FORMATTERS[target.format](report);
    if (target.file) writeFile(target.file, text, 'report');
    else process.stdout.write(text);
  }
  const summaryFile = env.GITHUB_STEP_SUMMARY;
  if (summaryFile && targets.some((t) => t.format === 'github')) {
    writeFile(summaryFile, formatMarkdown(report), 'job summary ($GITHUB_STEP_SUMMARY)', true);
  }
}

function writeFile(file: string, text: string, what: string, append = false): void {
  const absolute = path.resolve(file);
  try {
    makeFolderOf(absolute, what);
    if (append) fs.appendFileSync(absolute, text);
    else fs.writeFileSync(absolute, text);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`The ${what} file ${absolute} could not be written: ${(error as Error).message}`);
  }
}
