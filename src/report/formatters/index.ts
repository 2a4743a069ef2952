import type { RunReport } from '../model';
import { formatJson } from './json';
import { formatText } from './text';

export type Formatter = (report: RunReport) => string;

export const FORMATTERS = {
  text: formatText,
  json: formatJson,
} satisfies Record<string, Formatter>;

export type FormatName = keyof typeof FORMATTERS;
export const FORMAT_NAMES = Object.keys(FORMATTERS) as FormatName[];
