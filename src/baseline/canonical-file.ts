import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { compareText } from '../compare-text';
import { LineReader } from '../line-reader';
import { UserError } from '../errors';
import { BASELINE_VERSION, badRowProblem, isRowFailures, notABaseline } from './baseline-file';
import { RowLine, splitRowLine } from './row-line';
import { SortableKey, compareSortable } from './sortable-key';

const ROW_INDENT = '      ';

/** Where each entity's rows start in a canonical baseline file, and how many it lists. */
export interface CanonicalLayout {
  sections: Map<string, { offset: number; rows: number }>;
  /** The file when checked, to notice a change before reading it again. */
  size: number;
  mtimeMs: number;
  /** sha256 of the file's bytes, cut like BaselineRun.fingerprint(). */
  fingerprint: string;
}

/**
 * Reads a baseline file line by line, keeping no row, and tells whether it is exactly what
 * serializeBaseline would write for its content: entities non-empty and strictly sorted by
 * name, rows strictly sorted by compareKeys, each row exactly rowLine(row), the same
 * indents, commas and final newline. Only such a file can be read entity by entity in key
 * order, copied line for line, and fingerprinted by its bytes. Returns undefined for any
 * other layout (hand-edited, one line, not JSON): the caller reads it whole, which also
 * gives the JSON or shape error. A row line that is JSON but not a row fails here, with
 * readBaseline's message.
 */
export function inspectCanonical(file: string): CanonicalLayout | undefined {
  const { size, mtimeMs } = fs.statSync(file);
  const hash = crypto.createHash('sha256');
  const reader = new LineReader(file, 0, (bytes) => hash.update(bytes));
  try {
    if (reader.next() !== '{' || reader.next() !== `  "version": ${BASELINE_VERSION},`) return undefined;
    const sections = new Map<string, { offset: number; rows: number }>();
    const opening = reader.next();
    if (opening === '  "entities": {') {
      let previous: string | undefined;
      for (let more = true; more;) {
        const offset = reader.offset;
        const entity = entityOfHeader(reader.next());
        if (entity === undefined || (previous !== undefined && compareText(previous, entity) >= 0)) return undefined;
        const section = checkRows(reader, file, entity);
        if (!section) return undefined;
        sections.set(entity, { offset, rows: section.rows });
        previous = entity;
        more = section.more;
      }
      if (reader.next() !== '  }') return undefined;
    } else if (opening !== '  "entities": {}') {
      return undefined;
    }
    if (reader.next() !== '}' || reader.next() !== undefined || !reader.endsWithNewline) return undefined;
    return { sections, size, mtimeMs, fingerprint: hash.digest('hex').slice(0, 16) };
  } finally {
    reader.close();
  }
}

/** Checks an entity's row lines through its closing line; `more` when another entity follows. */
function checkRows(reader: LineReader, file: string, entity: string): { rows: number; more: boolean } | undefined {
  let previousKey: SortableKey | undefined;
  let ended = false; // the last row line had no comma: the closing line must follow
  for (let rows = 0; ; rows++) {
    const line = reader.next();
    if (line === '    ]' || line === '    ],') return ended ? { rows, more: line === '    ],' } : undefined;
    if (line === undefined || ended) return undefined;
    const parsed = parseRowLine(line);
    if (parsed === 'not a row') throw notABaseline(file, badRowProblem(rows + 1, entity));
    if (parsed === undefined) return undefined;
    if (previousKey !== undefined && compareSortable(previousKey, parsed) >= 0) return undefined;
    previousKey = parsed;
    ended = !line.endsWith(',');
  }
}

/**
 * `      {"key":...,"failures":[...]},` -> the row's key, when it is exactly rowLine(row); 'not a
 * row' for JSON that is no row; undefined for anything else (not JSON, another layout).
 */
function parseRowLine(line: string): SortableKey | 'not a row' | undefined {
  if (!line.startsWith(ROW_INDENT)) return undefined;
  const text = line.slice(ROW_INDENT.length, line.endsWith(',') ? -1 : undefined);
  const split = splitRowLine(text);
  const key = split && new SortableKey(split.keyText);
  if (split && key!.isCanonical() && canonicalFailures.check(split.failuresText)) return key!;
  // The slow path, only for a line that is not canonical: tell a bad row from another layout.
  try {
    return isRowFailures(JSON.parse(text)) ? undefined : 'not a row';
  } catch {
    return undefined;
  }
}

/**
 * Whether a failures text is a list of strings sorted by compareText, exactly as
 * JSON.stringify writes it. Rows fail in a few ways: each way is checked once (up to a
 * bound, so that memory stays small whatever the file).
 */
const canonicalFailures = new (class {
  private readonly accepted = new Set<string>();
  private last = '';

  check(failuresText: string): boolean {
    // Neighbour rows mostly fail alike: comparing with the last one is cheaper than hashing.
    if (failuresText === this.last) return true;
    if (this.accepted.has(failuresText)) {
      this.last = failuresText;
      return true;
    }
    let failures: unknown;
    try {
      failures = JSON.parse(failuresText);
    } catch {
      return false;
    }
    const ok = Array.isArray(failures) && failures.every((f, i) => typeof f === 'string' && (i === 0 || compareText(failures[i - 1], f) <= 0)) &&
      JSON.stringify(failures) === failuresText;
    if (ok && this.accepted.size < 10_000) this.accepted.add(failuresText);
    if (ok) this.last = failuresText;
    return ok;
  }
})();

function entityOfHeader(line: string | undefined): string | undefined {
  const match = line === undefined ? null : /^    (".*"): \[$/.exec(line);
  if (!match) return undefined;
  try {
    const entity: unknown = JSON.parse(match[1]);
    return typeof entity === 'string' && JSON.stringify(entity) === match[1] ? entity : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The rows of one entity of a file inspectCanonical() accepted, read from its offset, in
 * key order. They were checked then; a file changed since (another size or time) is an
 * error, not a wrong count.
 */
export function* sectionRows(file: string, layout: CanonicalLayout, entity: string): Generator<RowLine> {
  const section = layout.sections.get(entity);
  if (!section) return;
  const now = fs.statSync(file);
  if (now.size !== layout.size || now.mtimeMs !== layout.mtimeMs || entityOfHeader(readLineAt(file, section.offset)) !== entity) {
    throw new UserError(`The baseline file ${file} changed during the run; run it again.`);
  }
  const reader = new LineReader(file, section.offset);
  try {
    reader.next();
    for (let index = 0; index < section.rows; index++) {
      const line = reader.next()!;
      yield new RowLine(line.slice(ROW_INDENT.length, line.endsWith(',') ? -1 : undefined));
    }
  } finally {
    reader.close();
  }
}

function readLineAt(file: string, offset: number): string | undefined {
  const reader = new LineReader(file, offset);
  try {
    return reader.next();
  } finally {
    reader.close();
  }
}
