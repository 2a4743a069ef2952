import * as fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { readBaseline, rowLine, serializeBaseline, type Baseline } from '../src/baseline/baseline-file';
import { BaselineWriter } from '../src/baseline/baseline-writer';
import { KeyOrderMerge } from '../src/baseline/key-order-merge';
import { openPreviousBaseline } from '../src/baseline/previous-baseline';
import { framedRowLine } from '../src/baseline/row-framing';
import { compareKeys, keyId } from '../src/baseline/row-key';
import { mergeSection } from '../src/baseline/section-merge';
import { ByteStream } from '../src/byte-stream';
import type { RowFailures, RowKey } from '../src/report/model';
import { TEXT_CHUNK } from '../src/text-chunk';
import { compareText } from '../src/compare-text';
import { TempDir } from './helpers/temp-project';
import { SeededRandom } from './validation/seeded-random';

/**
 * The byte-level paths of --update-baseline against the plain ones they stand for: the
 * file check's fast path for integer keys against a whole read, and the merge of byte
 * stretches against the line merge and a plain set difference, on random files, some
 * longer than the read window.
 */

const tmp = new TempDir('baseline-bytes');
afterAll(() => tmp.cleanup());

const FAILURES = [['title:minLength'], ['body:isNotEmpty', 'body:maxLength'], ['émoji:max'], ['a:x']];

function randomRows(random: SeededRandom, count: number, kind: 'integer' | 'text' | 'pair'): RowFailures[] {
  const keys = new Map<string, RowKey>();
  while (keys.size < count) {
    const key: RowKey = kind === 'integer' ? { id: random.int(count * 4) - (random.chance(0.1) ? count : 0) }
      : kind === 'text' ? { name: `${random.pick(['a', 'B', 'é', 'z'])}${random.int(count * 3)}` }
        : { a: random.int(5), b: random.pick(['x', 'w', 'Ü', 'y y']) + random.int(count) };
    keys.set(keyId(key), key);
  }
  return [...keys.values()].map((key) => ({ key, failures: [...random.pick(FAILURES)] }));
}

/**
 * What opening the previous file must give: the layout this tool writes (rows of an entity
 * in any order), with whether each entity's rows are strictly sorted, one key shape; any
 * other layout, read whole; or the whole read's error.
 */
function byWholeRead(file: string): string {
  let baseline: Baseline;
  try {
    baseline = readBaseline(file);
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
  const entities = [...baseline.keys()].filter((entity) => baseline.get(entity)!.length > 0).sort(compareText);
  const blocks = entities.map((entity) => `    ${JSON.stringify(entity)}: [\n${baseline.get(entity)!.map((row) => `      ${rowLine(row)}`).join(',\n')}\n    ]`);
  const inFileOrder = `{\n  "version": 1,\n  "entities": ${blocks.length > 0 ? `{\n${blocks.join(',\n')}\n  }` : '{}'}\n}\n`;
  if (inFileOrder !== fs.readFileSync(file, 'utf8')) return 'other';
  const shape = (row: RowFailures) => JSON.stringify(Object.keys(row.key));
  return entities.map((entity) => {
    const rows = baseline.get(entity)!;
    return `${entity} ${rows.every((row, i) => i === 0 || (shape(rows[i - 1]) === shape(row) && compareKeys(rows[i - 1].key, row.key) < 0)) ? 'sorted' : 'unsorted'}`;
  }).join(', ');
}

function byCheck(file: string): string {
  try {
    const previous = openPreviousBaseline(file, false);
    if (!previous.rowBytes('Item')) return 'other';
    return [...previous.entities].sort(compareText).map((entity) => `${entity} ${previous.sorted(entity) ? 'sorted' : 'unsorted'}`).join(', ');
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

/** Ways a row line can go wrong (or stay right), each a change of its text. */
const MUTATIONS: Array<(line: string, random: SeededRandom) => string> = [
  (line) => line.replace(/"id":(-?)(\d+)/, '"id":$10$2'), // leading zero
  (line) => line.replace(/"id":-?\d+/, '"id":-0'),
  (line) => line.replace(/"id":-?\d+/, '"id":1234567890123456'), // 16 digits: past the fast path
  (line) => line.replace(/"id":(-?\d+)/, '"id":$1.0'),
  (line) => line.replace(/"id":(-?\d+)/, '"id":"$1"'),
  (line) => line.replace('"id"', '"ID"'),
  (line) => line.replace('"id"', '"id2"'),
  (line) => line.replace('["body:isNotEmpty","body:maxLength"]', '["body:maxLength","body:isNotEmpty"]'),
  (line) => line.replace(/"failures":\[[^\]]*\]/, '"failures":["a:x"]'),
  (line) => line.replace(/"failures":\[[^\]]*\]/, '"failures":["a:x",]'),
  (line) => line.replace(/"failures":\[[^\]]*\]/, '"failures":[1]'),
  (line) => line.replace(/"failures":\[[^\]]*\]/, '"failures":[]'),
  (line) => line.replace('{"key":', '{"key": '),
  (line) => line.replace(/,$/, ''),
  (line) => (line.endsWith(',') ? line : `${line},`),
  (line) => line.slice(1),
  (line) => `${line} `,
  (line) => line.replace('}}', '}}x'),
  (line, random) => line.replace(/"id":(-?\d+)/, (_, id: string) => `"id":${Number(id) + random.pick([-1, 1, 2, 1000])}`),
];

describe('the file check, whose fast path reads integer-key lines as bytes', () => {
  it('says what a whole read says, for files this tool wrote and hundreds of one-line changes', () => {
    const random = new SeededRandom(20261203);
    let checked = 0;
    for (let round = 0; round < 40; round++) {
      const big = round % 8 === 0; // past the 64 KB window
      const content: Baseline = new Map([
        ['Item', randomRows(random, big ? 3000 : 60, 'integer')],
        ...(round % 3 === 0 ? [['Tag', randomRows(random, 30, 'text')] as const] : []),
        ['Zed', randomRows(random, 20, 'pair')],
      ]);
      // Every other round, the ids quoted, as drivers give bigint columns.
      const quoted = (text: string) => (round % 2 === 1 ? text.replace(/"id":(-?\d+)([,}])/g, '"id":"$1"$2') : text);
      const text = serializeBaseline(content);
      const file = tmp.write({ [`check-${round}.json`]: quoted(text) });
      expect(byCheck(file), file).toBe(byWholeRead(file));
      expect(byCheck(file), file).not.toMatch(/unsorted|other|error/);
      const lines = text.split('\n');
      const rowIndexes = lines.flatMap((line, i) => (line.startsWith('      {"key":{"id"') ? [i] : []));
      for (let change = 0; change < 12; change++) {
        const at = random.pick(rowIndexes);
        const mutated = [...lines];
        if (change % 6 === 5) [mutated[at], mutated[at + 1]] = [mutated[at + 1], mutated[at]]; // rows swapped
        else if (change % 6 === 4) mutated.splice(at, 0, mutated[at].endsWith(',') ? mutated[at] : `${mutated[at]},`); // a row twice
        else mutated[at] = random.pick(MUTATIONS)(mutated[at], random);
        const variant = tmp.write({ [`check-${round}-${change}.json`]: quoted(mutated.join('\n')) });
        expect(byCheck(variant), `${variant}: line ${at + 1}: ${mutated[at]}`).toBe(byWholeRead(variant));
        checked++;
      }
    }
    expect(checked).toBe(480);
  });

  it('rows whose keys name their properties in another order are not sorted, even when compareKeys says they are', () => {
    const file = tmp.write({ 'shapes.json': serializeBaseline(new Map([['Item', [{ key: { id: 1 }, failures: ['a:x'] }]]])).replace(
      '    ]\n  }', '    ],\n    "Zed": [\n      {"key":{"a":1,"b":"x"},"failures":["a:x"]},\n      {"key":{"b":"y","a":2},"failures":["a:x"]}\n    ]\n  }') });
    expect(byWholeRead(file)).toBe('Item sorted, Zed unsorted');
    expect(byCheck(file)).toBe('Item sorted, Zed unsorted');
  });
});

/** A canonical file of `rows` for entity "E", and the byte range of its row lines. */
function previousFile(name: string, rows: RowFailures[]) {
  const file = tmp.write({ [name]: serializeBaseline(new Map([['E', rows]])) });
  const previous = openPreviousBaseline(file, false);
  return { previous, range: previous.rowBytes('E')! };
}

/** New rows as the workers write them: framed lines, in `order`, cut into up to three spill files. */
function spillFiles(name: string, rows: RowFailures[], random: SeededRandom) {
  const lines = rows.map((row) => framedRowLine(rowLine(row)));
  const cuts = [0, random.int(lines.length + 1), random.int(lines.length + 1), lines.length].sort((a, b) => a - b);
  return cuts.slice(1).map((end, i) => ({ file: tmp.write({ [`${name}-${i}.spill`]: lines.slice(cuts[i], end).join('') }), start: 0 }));
}

function setDifference(before: RowFailures[], after: RowFailures[]) {
  const old = new Map(before.map((row) => [keyId(row.key), JSON.stringify([...row.failures].sort())]));
  let added = 0;
  let changed = 0;
  for (const row of after) {
    const failures = old.get(keyId(row.key));
    if (failures === undefined) added++;
    else if (failures !== JSON.stringify([...row.failures].sort())) changed++;
  }
  const now = new Set(after.map((row) => keyId(row.key)));
  return { added, removed: before.filter((row) => !now.has(keyId(row.key))).length, changed };
}

describe('the merge of an entity\'s rows as bytes', () => {
  it('counts what a set difference counts and writes the new lines, or gives up where the line merge does', () => {
    const random = new SeededRandom(31);
    for (let round = 0; round < 60; round++) {
      const kind = random.pick(['integer', 'integer', 'text', 'pair'] as const);
      const size = round % 10 === 0 ? 2500 : 1 + random.int(80);
      const before = randomRows(random, size, kind).sort((a, b) => compareKeys(a.key, b.key));
      // The next run: most rows fail as before, some are fixed, changed or new.
      const after = before.flatMap((row) => (random.chance(0.1) ? [] : [random.chance(0.1) ? { ...row, failures: ['z:changed'] } : row]));
      const known = new Set(before.map((row) => keyId(row.key)));
      after.push(...randomRows(random, 1 + random.int(size), kind).filter((row) => !known.has(keyId(row.key))));
      after.sort((a, b) => compareKeys(a.key, b.key));
      // A collation's order, now and then: the merge must notice rather than miscount.
      if (kind === 'text' && random.chance(0.5)) after.sort((a, b) => String(a.key.name).toLowerCase().localeCompare(String(b.key.name).toLowerCase()));

      const { previous, range } = previousFile(`merge-${round}.json`, before);
      const fresh = spillFiles(`merge-${round}`, after, random);
      const output = tmp.path(`merge-${round}.out`);
      const writer = new BaselineWriter(output);
      const counted = mergeSection(new ByteStream([range]), new ByteStream(fresh), writer);
      writer.commit();

      const lines = new KeyOrderMerge(previous.rows('E'));
      for (const row of after) lines.add(rowLine(row));
      expect(counted, `round ${round}`).toEqual(lines.finish());
      if (counted) expect(counted, `round ${round}`).toEqual(setDifference(before, after));
      expect(fs.readFileSync(output, 'utf8'), `round ${round}`).toBe(after.map((row) => framedRowLine(rowLine(row))).join(''));
    }
  });

  it('copies a stretch of unchanged rows longer than the window without reading its rows, and counts the change after it', () => {
    const before = Array.from({ length: 6000 }, (_, i): RowFailures => ({ key: { id: i }, failures: ['title:minLength'] }));
    const after = [...before.slice(0, 5000), { key: { id: 5000 }, failures: ['other:x'] }, ...before.slice(5001), { key: { id: 9999 }, failures: ['a:x'] }];
    expect(after.map((row) => framedRowLine(rowLine(row))).join('').length).toBeGreaterThan(4 * TEXT_CHUNK);
    const { range } = previousFile('stretch.json', before);
    expect(mergeSection(new ByteStream([range]), new ByteStream(spillFiles('stretch', after, new SeededRandom(1))), undefined))
      .toEqual({ added: 1, removed: 0, changed: 1 });
  });
});

describe('ByteStream', () => {
  it('reads ranges of several files as one stream of lines, a line longer than the window whole', () => {
    const long = `${'ü'.repeat(TEXT_CHUNK)}`;
    const a = tmp.write({ 'stream-a.txt': `skip\none\n${long}\n` });
    const b = tmp.write({ 'stream-b.txt': '' });
    const c = tmp.write({ 'stream-c.txt': 'two\nthree\nrest' });
    const stream = new ByteStream([{ file: a, start: 5 }, { file: b, start: 0 }, { file: c, start: 0, end: 10 }]);
    const lines: string[] = [];
    while (stream.peekLine()) {
      lines.push(stream.lineText());
      stream.skipLine();
    }
    expect(lines).toEqual(['one', long, 'two', 'three']);
    expect(stream.consumed).toBe(4 + Buffer.byteLength(long) + 1 + 10);
  });
});
