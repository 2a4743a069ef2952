import { describe, expect, it } from 'vitest';
import { orderLargestFirst } from '../src/plan/build-pieces';
import type { Piece } from '../src/plan/piece';
import { pieceLabel } from '../src/plan/piece';
import { MIN_PIECE_ROWS, autoPieceRows, dealBuckets, partsPerTable } from '../src/plan/split-tables';
import { PieceQueue } from '../src/run/piece-queue';
import { cutsByValue, evenValueBoundaries } from '../src/plan/key-boundaries';
import { BLOG_TABLES } from '../fixtures/blog/blog-tables';

const blog = BLOG_TABLES.map((t) => ({ table: t.table, rows: t.rows }));

function piece(id: number, table: string, estimatedRows: number, part = 0, parts = 1): Piece {
  return { id, table, part, parts, estimatedRows, range: { after: null, through: null } };
}

describe('partsPerTable', () => {
  it('cuts every table bigger than a piece so no piece exceeds the target size', () => {
    const pieceRows = autoPieceRows(blog, 2);
    const parts = partsPerTable(blog, 2, 'dynamic');
    expect(pieceRows).toBe(Math.ceil(1_232_687 / 8));
    for (const table of blog) {
      expect(table.rows / parts.get(table.table)!).toBeLessThanOrEqual(pieceRows);
    }
    expect(parts.get('posts')).toBe(4);
    expect(parts.get('sub_pages')).toBe(1);
  });

  it('keeps the largest piece far below the largest table (the old critical path)', () => {
    const parts = partsPerTable(blog, 7, 'dynamic');
    const largestPiece = Math.max(...blog.map((t) => t.rows / parts.get(t.table)!));
    expect(largestPiece).toBeLessThan(572_000 / 10);
  });

  it('never cuts with one worker or with the buckets strategy', () => {
    for (const parts of [partsPerTable(blog, 1, 'dynamic'), partsPerTable(blog, 4, 'buckets')]) {
      expect([...parts.values()].every((n) => n === 1)).toBe(true);
    }
  });

  it('does not cut small tables into tiny pieces', () => {
    const small = [{ table: 'a', rows: 30_000 }, { table: 'b', rows: 10 }];
    expect(autoPieceRows(small, 8)).toBe(MIN_PIECE_ROWS);
    expect(partsPerTable(small, 8, 'dynamic').get('a')).toBe(2);
  });

  it('honours an explicit piece size', () => {
    expect(partsPerTable([{ table: 'a', rows: 10_001 }], 2, 'dynamic', 1000).get('a')).toBe(11);
  });
});

describe('dealBuckets (the original round-robin, smallest first)', () => {
  it('deals tables by ascending size to workers in turn', () => {
    const buckets = dealBuckets(blog, 2);
    expect(buckets.get('static_pages')).toBe(0);
    expect(buckets.get('sub_pages')).toBe(1);
    expect(buckets.get('essays')).toBe(0);
    expect(buckets.get('news')).toBe(1);
    expect(buckets.get('pages')).toBe(0);
    expect(buckets.get('articles')).toBe(1);
    expect(buckets.get('posts')).toBe(0);
  });
});

describe('PieceQueue', () => {
  it('hands out the largest piece first to whichever slot asks (dynamic)', () => {
    const pieces = orderLargestFirst([piece(0, 'a', 10), piece(1, 'b', 30), piece(2, 'c', 20)]);
    const queue = new PieceQueue({ pieces }, 2);
    expect(queue.take(1)?.table).toBe('b');
    expect(queue.take(0)?.table).toBe('c');
    const retried = piece(1, 'b', 30);
    queue.putBack(retried, 1);
    expect(queue.take(0)).toBe(retried);
    expect(queue.take(0)?.table).toBe('a');
    expect(queue.take(1)).toBeUndefined();
  });

  it('keeps each bucket to its own slot, smallest first (buckets)', () => {
    const pieces = orderLargestFirst([piece(0, 'a', 10), piece(1, 'b', 30), piece(2, 'c', 20), piece(3, 'd', 5)]);
    const bucketOf = new Map([[0, 0], [1, 0], [2, 1], [3, 1]]);
    const queue = new PieceQueue({ pieces, bucketOf }, 2);
    expect(queue.take(0)?.table).toBe('a');
    expect(queue.take(0)?.table).toBe('b');
    expect(queue.take(0)).toBeUndefined();
    expect(queue.take(1)?.table).toBe('d');
    expect(queue.drain().map((p) => p.table)).toEqual(['c']);
  });
});

describe('pieceLabel', () => {
  it('names the table and the key range for split tables', () => {
    expect(pieceLabel(piece(0, 'posts', 1))).toBe('posts');
    expect(pieceLabel({ ...piece(0, 'posts', 1, 1, 3), range: { after: [100], through: [200] } })).toBe('posts 100..200');
    expect(pieceLabel({ ...piece(0, 'posts', 1, 0, 3), range: { after: null, through: [100] } })).toBe('posts start..100');
  });
});

describe('cutsByValue: an integer key is cut by value on SQLite, and on servers where it is dense', () => {
  it('walks a sparse key on a server, never on SQLite', () => {
    expect(cutsByValue(true, 10, { min: 1, max: 1_000_000 })).toBe(true);
    expect(cutsByValue(false, 1_000_000, { min: 1, max: 1_000_000 })).toBe(true);
    expect(cutsByValue(false, 500_000, { min: 1, max: 1_000_000 })).toBe(true);
    expect(cutsByValue(false, 499_999, { min: 1, max: 1_000_000 })).toBe(false);
    expect(cutsByValue(false, 1_000, { min: 1, max: 2_000_000_000 })).toBe(false);
  });
});

describe('evenValueBoundaries (dense integer keys)', () => {
  it('cuts a dense key span into equal ranges', () => {
    expect(evenValueBoundaries({ min: 1, max: 572_000 }, 4)).toEqual([[143_000], [286_000], [429_000]]);
  });

  it('covers spans that do not start at 1 and never repeats or reaches the last key', () => {
    expect(evenValueBoundaries({ min: 101, max: 110 }, 3)).toEqual([[103], [106]]);
    expect(evenValueBoundaries({ min: 5, max: 6 }, 8)).toEqual([[5]]);
    expect(evenValueBoundaries({ min: 7, max: 7 }, 4)).toEqual([]);
  });
});
