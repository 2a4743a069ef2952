import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBaseline, rowLine, serializeBaseline, type Baseline } from '../src/baseline/baseline-file';
import { KeyOrderMerge } from '../src/baseline/key-order-merge';
import { fingerprintOf, openPreviousBaseline } from '../src/baseline/previous-baseline';
import { compareKeys } from '../src/baseline/row-key';
import { RowLine } from '../src/baseline/row-line';
import { LineReader, forEachLine } from '../src/line-reader';
import { TEXT_CHUNK } from '../src/text-chunk';
import type { RowFailures } from '../src/report/model';
import { TempDir } from './helpers/temp-project';

/** The previous baseline read line by line: layout checks, fingerprints, errors, and the key-order merge. */

const tmp = new TempDir('baseline-reading');
afterAll(() => tmp.cleanup());

const row = (key: Record<string, unknown>, ...failures: string[]): RowFailures => ({ key, failures });
const CONTENT: Baseline = new Map([
  ['Post', [row({ id: 10 }, 'title:minLength'), row({ id: 2 }, 'body:maxLength', 'body:isNotEmpty')]],
  ['User', [row({ name: 'émile' }, 'email:isEmail'), row({ name: 'Zoé' }, 'email:isEmail')]],
  ['Pair', [row({ a: 1, b: 'x' }, 'c:min'), row({ a: 1, b: 'w' }, 'c:min'), row({ a: 0, b: 'z' }, 'c:max')]],
]);

const errorOf = (read: () => unknown): string => {
  try {
    read();
  } catch (error) {
    return `${(error as Error).constructor.name}: ${(error as Error).message}`;
  }
  return 'no error';
};

const rowsOf = (file: string) => {
  const previous = openPreviousBaseline(file, false);
  return Object.fromEntries([...previous.entities].sort().map((entity) => [entity, [...previous.rows(entity)].map((r) => r.text)]));
};

describe('LineReader', () => {
  it('keeps a character split between two chunks whole, and reads lines longer than a chunk', () => {
    // "é" is two bytes in UTF-8: put its first byte last in the first chunk.
    const first = `${'a'.repeat(TEXT_CHUNK - 1)}é`;
    const long = 'ü'.repeat(TEXT_CHUNK * 3); // longer than the chunk
    const file = tmp.write({ 'lines.txt': `${first}\n\nshort\n${long}\nlast without newline` });
    const lines: string[] = [];
    forEachLine(file, (line) => lines.push(line));
    expect(lines).toEqual([first, '', 'short', long, 'last without newline']);
  });

  it('starts at a byte offset', () => {
    const file = tmp.write({ 'offsets.txt': 'ä\nbb\nc\n' });
    const from = new LineReader(file, 3);
    expect([from.next(), from.next(), from.next()]).toEqual(['bb', 'c', undefined]);
    from.close();
  });
});

describe('the previous baseline, read entity by entity', () => {
  const canonical = tmp.write({ 'canonical.json': serializeBaseline(CONTENT) });
  const oneLine = tmp.write({ 'one-line.json': JSON.stringify({ version: 1, entities: Object.fromEntries(CONTENT) }) });
  const expected = fingerprintOf(serializeBaseline(readBaseline(canonical)));

  it('a file this tool wrote and a hand-written one with the same content give the same rows and fingerprint', () => {
    expect(openPreviousBaseline(canonical, false).fingerprint()).toBe(expected);
    expect(openPreviousBaseline(oneLine, false).fingerprint()).toBe(expected);
    const sorted = Object.fromEntries([...CONTENT.keys()].sort().map((entity) => [entity, serializeBaseline(new Map([[entity, CONTENT.get(entity)!]]))
      .split('\n').filter((line) => line.startsWith('      ')).map((line) => line.trim().replace(/,$/, ''))]));
    expect(rowsOf(canonical)).toEqual(sorted);
    // Read whole, a file keeps its rows in its own order (an update keeps them so).
    expect(rowsOf(oneLine)).toEqual(Object.fromEntries([...CONTENT.keys()].sort().map((entity) => [entity, CONTENT.get(entity)!.map(rowLine)])));
    expect(sorted.Pair).toEqual(['{"key":{"a":0,"b":"z"},"failures":["c:max"]}', '{"key":{"a":1,"b":"w"},"failures":["c:min"]}', '{"key":{"a":1,"b":"x"},"failures":["c:min"]}']);
  });

  it('an empty baseline and a missing one allowed to be missing fingerprint like an empty map', () => {
    const empty = tmp.write({ 'empty.json': serializeBaseline(new Map()) });
    expect(openPreviousBaseline(empty, false).fingerprint()).toBe(fingerprintOf(serializeBaseline(new Map())));
    expect(openPreviousBaseline(tmp.path('none.json'), true).fingerprint()).toBe(fingerprintOf(serializeBaseline(new Map())));
    expect(openPreviousBaseline(empty, false).entities).toEqual([]);
  });

  it('a file in the canonical layout that differs in one detail is read whole, with the same content', () => {
    const text = serializeBaseline(CONTENT);
    const variants = {
      'no-final-newline.json': text.trimEnd(),
      'extra-property.json': text.replace('{"key":{"id":10},', '{"key":{"id":10},"note":1,'),
      'failures-unsorted.json': text.replace('["body:isNotEmpty","body:maxLength"]', '["body:maxLength","body:isNotEmpty"]'),
      'empty-entity.json': text.replace('"entities": {\n', '"entities": {\n    "Empty": [],\n'),
    };
    for (const [name, variant] of Object.entries(variants)) {
      const file = tmp.write({ [name]: variant });
      expect(openPreviousBaseline(file, false).fingerprint(), name).toBe(fingerprintOf(serializeBaseline(readBaseline(file))));
      const whole = readBaseline(file);
      expect(rowsOf(file), name).toEqual(Object.fromEntries([...whole.keys()].filter((entity) => whole.get(entity)!.length > 0).sort()
        .map((entity) => [entity, [...whole.get(entity)!].sort((a, b) => compareKeys(a.key, b.key)).map(rowLine)])));
    }
  });

  it('a file in this tool\'s layout with rows in another order (an update writes the database\'s) keeps them in that order', () => {
    const file = tmp.write({ 'rows-unsorted.json': serializeBaseline(CONTENT).replace('{"key":{"id":2}', '{"key":{"id":99}') });
    const previous = openPreviousBaseline(file, false);
    expect([previous.sorted('Post'), previous.sorted('User'), previous.rowBytes('Post') !== undefined]).toEqual([false, true, true]);
    expect(rowsOf(file).Post).toEqual(['{"key":{"id":99},"failures":["body:isNotEmpty","body:maxLength"]}', '{"key":{"id":10},"failures":["title:minLength"]}']);
    expect(previous.fingerprint()).toBe(fingerprintOf(serializeBaseline(readBaseline(file))));
  });

  it('a corrupt file fails as reading it whole fails, in the same words', () => {
    const text = serializeBaseline(CONTENT);
    const corrupt = {
      'bad-row.json': text.replace('{"key":{"name":"émile"},"failures":["email:isEmail"]}', '{"id":7}'),
      'conflict.json': text.replace('      {"key":{"id":10}', '<<<<<<< HEAD\n      {"key":{"id":10}'),
      'truncated.json': text.slice(0, text.length / 2),
      'version.json': text.replace('"version": 1', '"version": 2'),
      'not-an-object.json': '[]\n',
    };
    for (const [name, content] of Object.entries(corrupt)) {
      const file = tmp.write({ [name]: content });
      const whole = errorOf(() => readBaseline(file));
      expect(whole, name).toMatch(/^UserError: The baseline file .* (is not a validate-records baseline|could not be read as JSON)/);
      expect(errorOf(() => openPreviousBaseline(file, true)), name).toBe(whole);
    }
    expect(errorOf(() => openPreviousBaseline(tmp.path('bad-row.json'), true))).toContain('row 2 of "User" is not { "key"');
    // The file as the user named it, in the hint too, whichever way it was read.
    const relative = path.relative(process.cwd(), tmp.path('bad-row.json'));
    expect(errorOf(() => openPreviousBaseline(relative, true))).toBe(errorOf(() => readBaseline(relative)));
    expect(errorOf(() => readBaseline(relative))).toContain(`--baseline ${relative} --update-baseline`);
  });

  it('a file changed between the check and the second read is an error, not a wrong count', () => {
    const file = tmp.write({ 'changing.json': serializeBaseline(CONTENT) });
    const previous = openPreviousBaseline(file, false);
    expect([...previous.rows('Post')]).toHaveLength(2);
    fs.appendFileSync(file, ' ');
    expect(errorOf(() => [...previous.rows('Post')])).toBe(`UserError: The baseline file ${file} changed during the run; run it again.`);
    fs.rmSync(file);
    expect(errorOf(() => previous.rowBytes('Post'))).toBe(`UserError: The baseline file ${file} changed during the run; run it again.`);
  });

  it('a byte order mark before the JSON is skipped, as editors on Windows write one', () => {
    const file = tmp.write({ 'bom.json': `\uFEFF${serializeBaseline(CONTENT)}` });
    expect(rowsOf(file)).toEqual(rowsOf(canonical));
  });

  it('a folder in place of the file is the error reading it whole gives', () => {
    const folder = tmp.mkdir('folder.json');
    expect(errorOf(() => openPreviousBaseline(folder, true))).toBe(errorOf(() => readBaseline(folder)));
  });
});

describe('compareKeys', () => {
  it('orders whole numbers given as text (bigint columns) by value, before other text, and stays a total order', () => {
    const values = ['10', '9', '-3', '-20', '0', '123456789012345678901', 'abc', '007', 'a b', 'a', '1.5', 5, 2, -1];
    const sorted = [...values].sort((a, b) => compareKeys({ id: a }, { id: b }));
    expect(sorted).toEqual(['-20', '-3', '0', '9', '10', '123456789012345678901', '007', '1.5', 'a b', 'a', 'abc', -1, 2, 5]);
    for (let i = 0; i < sorted.length; i++) {
      for (let j = 0; j < sorted.length; j++) {
        expect(Math.sign(compareKeys({ id: sorted[i] }, { id: sorted[j] })), `${sorted[i]} ${sorted[j]}`).toBe(Math.sign(i - j));
      }
    }
  });
});

describe('KeyOrderMerge', () => {
  const previous = (...rows: RowFailures[]): RowLine[] => rows.map((r) => new RowLine(rowLine(r)));
  const merge = (old: RowLine[], fresh: RowFailures[]) => {
    const m = new KeyOrderMerge(old);
    for (const r of fresh) m.add(rowLine(r));
    return m.finish();
  };

  it('counts new, gone and changed rows walking both sides in key order', () => {
    const old = previous(row({ id: 1 }, 'a:x'), row({ id: 3 }, 'a:x'), row({ id: 5 }, 'a:x', 'b:y'), row({ id: 9 }, 'a:x'));
    expect(merge(old, [row({ id: 2 }, 'a:x'), row({ id: 3 }, 'a:x'), row({ id: 5 }, 'b:y'), row({ id: 10 }, 'a:x'), row({ id: 11 }, 'a:x')]))
      .toEqual({ added: 3, removed: 2, changed: 1 });
    expect(merge(old, [row({ id: 1 }, 'a:x'), row({ id: 3 }, 'a:x'), row({ id: 4 }, 'a:x'), row({ id: 5 }, 'a:x', 'b:y')]))
      .toEqual({ added: 1, removed: 1, changed: 0 });
    expect(merge(old, [])).toEqual({ added: 0, removed: 4, changed: 0 });
    expect(merge([], [row({ id: 2 }, 'a:x'), row({ id: 1 }, 'a:x')])).toEqual({ added: 2, removed: 0, changed: 0 });
  });

  it('gives up (undefined) when either side is not strictly in compareKeys order, rather than miscount', () => {
    const old = previous(row({ name: 'B' }, 'a:x'), row({ name: 'a' }, 'a:x'));
    // A case-insensitive collation's order: a, B (compareKeys puts "B" first).
    expect(merge(old, [row({ name: 'a' }, 'a:x'), row({ name: 'B' }, 'a:x')])).toBeUndefined();
    expect(merge(previous(row({ id: 2 }, 'a:x'), row({ id: 1 }, 'a:x')), [row({ id: 3 }, 'a:x')])).toBeUndefined();
    expect(merge(previous(row({ id: 1 }, 'a:x'), row({ id: 1 }, 'b:y')), [row({ id: 1 }, 'a:x')])).toBeUndefined();
    // A new row equal to a previous line, then a smaller one: caught although the equal line is not parsed.
    expect(merge(previous(row({ id: 1 }, 'a:x'), row({ id: 3 }, 'a:x')), [row({ id: 3 }, 'a:x'), row({ id: 2 }, 'a:x')])).toBeUndefined();
  });
});
