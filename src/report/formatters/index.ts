import type { RunReport } from '../model';
import { formatGithub } from './github';
import { formatHtml } from './html';
import { formatJson } from './json';
import { formatJunit } from './junit';
import { formatMarkdown } from './markdown';
import { formatText } from './text';

/** A report format: a pure function from the report to text. */
export type Formatter = (report: RunReport) => string;

export const FORMATTERS = {
  text: formatText,
  json: formatJson,
  junit: formatJunit,
  github: formatGithub,
  markdown: formatMarkdown,
  html: formatHtml,
} satisfies Record<string, Formatter>;

export type FormatName = keyof typeof FORMATTERS;
export const FORMAT_NAMES = Object.keys(FORMATTERS) as FormatName[];
