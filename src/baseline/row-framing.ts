/**
 * How a row line sits in a baseline file: indented, followed by a comma unless it is its
 * entity's last. The workers' spill files frame their lines the same way (always with the
 * comma), so that the rows of an entity go from them to the file as bytes.
 */
export const ROW_INDENT = '      ';

/** A spill file's line for a row line (rowLine's text). */
export function framedRowLine(text: string): string {
  return `${ROW_INDENT}${text},\n`;
}

/** The row line (rowLine's text) of a framed line, without its newline; undefined when it is not indented. */
export function unframeRowLine(line: string): string | undefined {
  if (!line.startsWith(ROW_INDENT)) return undefined;
  return line.slice(ROW_INDENT.length, line.endsWith(',') ? -1 : undefined);
}
