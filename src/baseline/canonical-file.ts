import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { ByteStream } from '../byte-stream';
import { compareText } from '../compare-text';
import { LineReader } from '../line-reader';
import { UserError } from '../errors';
import { BASELINE_VERSION, badRowProblem, isRowFailures, notABaseline } from './baseline-file';
import { IntegerRowLines } from './integer-row-lines';
import { unframeRowLine } from './row-framing';
import { RowLine, splitRowLine } from './row-line';
import { SortableKey, compareSortable, sameShape } from './sortable-key';

/** Where an entity's lines are in a canonical baseline file. */
export interface CanonicalSection {
  /** Its header line (`    "Entity": [`). */
  offset: number;
  /** Its row lines, each with its newline: bytes rowsStart to rowsEnd. */
  rowsStart: number;
  rowsEnd: number;
  rows: number;
  /** Whether the rows are strictly in compareKeys order, keys of one shape: as serializeBaseline writes them. */
  sorted: boolean;
}

/** Where each entity's rows are in a canonical baseline file, and how many it lists. */
export interface CanonicalLayout {
  sections: Map<string, CanonicalSection>;
  /** The file when checked, to notice a change before reading it again. */
  size: number;
  mtimeMs: number;
}

/**
 * Reads a baseline file line by line, keeping no row, and tells whether it is in the layout
 * this tool writes: what serializeBaseline would write for its content (entities non-empty
 * and strictly sorted by name, each row exactly rowLine(row), the same indents, commas and
 * final newline), except that an entity's rows may come in any order, as an update writes
 * them in the database's key order. Whether they are strictly in compareKeys order is noted
 * per entity (`sorted`): only such rows can be walked beside the new ones. Such a file is
 * read entity by entity and copied as bytes. Returns undefined for any other layout
 * (hand-edited, one line, not JSON): the caller reads it whole, which also gives the JSON
 * or shape error. A row line that is JSON but not a row fails here, with readBaseline's
 * message (`shownAs`: the file as the user named it).
 */
export function inspectCanonical(file: string, shownAs = file): CanonicalLayout | undefined {
  const { size, mtimeMs } = fs.statSync(file);
  const lines = new ByteStream([{ file, start: 0 }]);
  try {
    if (nextText(lines) !== '{' || nextText(lines) !== `  "version": ${BASELINE_VERSION},`) return undefined;
    const sections = new Map<string, CanonicalSection>();
    const opening = nextText(lines);
    if (opening === '  "entities": {') {
      let previous: string | undefined;
      for (let more = true; more;) {
        const offset = lines.consumed;
        const entity = entityOfHeader(nextText(lines));
        if (entity === undefined || (previous !== undefined && compareText(previous, entity) >= 0)) return undefined;
        const rowsStart = lines.consumed;
        const section = checkRows(lines, shownAs, entity);
        if (!section) return undefined;
        sections.set(entity, { offset, rowsStart, ...section });
        previous = entity;
        more = section.more;
      }
      if (nextText(lines) !== '  }') return undefined;
    } else if (opening !== '  "entities": {}') {
      return undefined;
    }
    if (nextText(lines) !== '}' || !lines.lineHasNewline || lines.peekLine()) return undefined;
    return { sections, size, mtimeMs };
  } finally {
    lines.close();
  }
}

/** The next line, decoded, moving past it; undefined at the end. */
function nextText(lines: ByteStream): string | undefined {
  if (!lines.peekLine()) return undefined;
  const text = lines.lineText();
  lines.skipLine();
  return text;
}

const CLOSING = Buffer.from('    ]');

/** Checks an entity's row lines through its closing line; `more` when another entity follows. */
function checkRows(lines: ByteStream, file: string, entity: string): { rows: number; rowsEnd: number; sorted: boolean; more: boolean } | undefined {
  const integerRows = new IntegerRowLines();
  let previousKey: SortableKey | undefined;
  let sorted = true;
  let ended = false; // the last row line had no comma: the closing line must follow
  for (let rows = 0; ; rows++) {
    if (!lines.peekLine()) return undefined;
    const { buffer, lineStart, lineEnd } = lines;
    const closing = lineEnd - lineStart <= CLOSING.length + 1 && buffer.compare(CLOSING, 0, CLOSING.length, lineStart, lineStart + CLOSING.length) === 0;
    if (closing) {
      const rowsEnd = lines.consumed;
      const text = nextText(lines);
      return ended && (text === '    ]' || text === '    ],') ? { rows, rowsEnd, sorted, more: text === '    ],' } : undefined;
    }
    if (ended) return undefined;
    if (integerRows.follows(buffer, lineStart, lineEnd)) {
      previousKey = undefined;
    } else {
      const parsed = parseRowLine(lines.lineText());
      if (parsed === 'not a row') throw notABaseline(file, badRowProblem(rows + 1, entity));
      if (parsed === undefined) return undefined;
      const before = previousKey ?? integerRows.lastKey();
      if (sorted && before !== undefined && (!sameShape(before, parsed.key) || compareSortable(before, parsed.key) >= 0)) sorted = false;
      previousKey = parsed.key;
      integerRows.restartAfter(parsed.key, parsed.failuresText);
    }
    ended = buffer[lineEnd - 1] !== COMMA;
    lines.skipLine();
  }
}

const COMMA = 44;

/**
 * `      {"key":...,"failures":[...]},` -> the row's key and failures text, when it is exactly
 * rowLine(row); 'not a row' for JSON that is no row; undefined for anything else (not
 * JSON, another layout).
 */
function parseRowLine(line: string): { key: SortableKey; failuresText: string } | 'not a row' | undefined {
  const text = unframeRowLine(line);
  if (text === undefined) return undefined;
  const split = splitRowLine(text);
  const key = split && new SortableKey(split.keyText);
  if (split && key!.isCanonical() && canonicalFailures.check(split.failuresText)) return { key: key!, failuresText: split.failuresText };
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
 * Checks that the file is still the one inspectCanonical() accepted (same size and time,
 * the entity's header where it was): a file changed since is an error, not a wrong count.
 */
export function checkUnchanged(file: string, layout: CanonicalLayout, entity?: string): void {
  const now = fs.statSync(file, { throwIfNoEntry: false });
  const section = entity === undefined ? undefined : layout.sections.get(entity);
  if (!now || now.size !== layout.size || now.mtimeMs !== layout.mtimeMs || (section && entityOfHeader(readLineAt(file, section.offset)) !== entity)) {
    throw new UserError(`The baseline file ${file} changed during the run; run it again.`);
  }
}

/** The rows of one entity of a file inspectCanonical() accepted, in the file's order. */
export function* sectionRows(file: string, layout: CanonicalLayout, entity: string): Generator<RowLine> {
  const section = layout.sections.get(entity);
  if (!section) return;
  checkUnchanged(file, layout, entity);
  const reader = new LineReader(file, section.rowsStart);
  try {
    for (let index = 0; index < section.rows; index++) yield new RowLine(unframeRowLine(reader.next()!)!);
  } finally {
    reader.close();
  }
}

/** sha256 of the file's bytes (16 hex digits), cut like BaselineRun.fingerprint(): only shards need it. */
export function fingerprintFile(file: string, layout: CanonicalLayout): string {
  checkUnchanged(file, layout);
  const hash = crypto.createHash('sha256');
  const bytes = new ByteStream([{ file, start: 0 }]);
  try {
    for (let window = bytes.window(); window.length > 0; window = bytes.window()) {
      hash.update(window);
      bytes.skip(window.length);
    }
  } finally {
    bytes.close();
  }
  return hash.digest('hex').slice(0, 16);
}

function readLineAt(file: string, offset: number): string | undefined {
  const reader = new LineReader(file, offset);
  try {
    return reader.next();
  } finally {
    reader.close();
  }
}
