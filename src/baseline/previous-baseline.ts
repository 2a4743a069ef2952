import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareText } from '../compare-text';
import { readBaseline, serializeBaseline, type Baseline } from './baseline-file';
import type { ByteRange } from '../byte-stream';
import { checkUnchanged, fingerprintFile, inspectCanonical, sectionRows, type CanonicalLayout } from './canonical-file';
import { RowLine } from './row-line';

/** The baseline a run starts from, read entity by entity. */
export interface PreviousBaseline {
  /** Entity names (any order), each with rows. */
  readonly entities: string[];
  /** An entity's rows; a new pass on each call. */
  rows(entity: string): Iterable<RowLine>;
  /** Whether rows() is known to be strictly in compareKeys order, keys of one shape (else a walk checks it). */
  sorted(entity: string): boolean;
  /** Where a file in this tool's layout holds the entity's row lines (framed), to be read as bytes; undefined for a file read whole. */
  rowBytes(entity: string): ByteRange | undefined;
  /** sha256 of the serialized baseline (16 hex digits): equal content, equal fingerprint. */
  fingerprint(): string;
}

/**
 * Opens the previous baseline, checking its whole shape now (a bad file fails before the
 * scan). A file in the layout this tool writes is only indexed (entity -> where its rows
 * are), and its rows are read from disk when needed: memory does not grow with it. Any
 * other layout (hand-edited, one line) cannot be read line by line, so it is read whole, as
 * before. A missing file is an error unless `missingIsEmpty`.
 */
export function openPreviousBaseline(file: string, missingIsEmpty: boolean): PreviousBaseline {
  const absolute = path.resolve(file);
  const layout = fs.existsSync(absolute) ? canonicalLayout(absolute, file) : undefined;
  return layout ? new CanonicalBaseline(absolute, layout) : new BaselineInMemory(readBaseline(file, missingIsEmpty));
}

/** An unreadable file (a folder, no permission) is left to readBaseline, which says so in its words. */
function canonicalLayout(absolute: string, shownAs: string): CanonicalLayout | undefined {
  try {
    return inspectCanonical(absolute, shownAs);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== undefined) return undefined;
    throw error;
  }
}

class CanonicalBaseline implements PreviousBaseline {
  readonly entities: string[];
  constructor(private readonly file: string, private readonly layout: CanonicalLayout) {
    this.entities = [...layout.sections.keys()];
  }

  rows(entity: string): Iterable<RowLine> {
    return sectionRows(this.file, this.layout, entity);
  }

  sorted(entity: string): boolean {
    return this.layout.sections.get(entity)?.sorted ?? true;
  }

  rowBytes(entity: string): ByteRange | undefined {
    const section = this.layout.sections.get(entity);
    if (!section) return undefined;
    checkUnchanged(this.file, this.layout, entity);
    return { file: this.file, start: section.rowsStart, end: section.rowsEnd };
  }

  /** With every entity's rows sorted, the file's bytes are what serializeBaseline gives for its content. */
  fingerprint(): string {
    const serialized = [...this.layout.sections.values()].every((section) => section.sorted);
    return serialized ? fingerprintFile(this.file, this.layout) : fingerprintOf(serializeBaseline(readBaseline(this.file)));
  }
}

class BaselineInMemory implements PreviousBaseline {
  readonly entities: string[];
  constructor(private readonly baseline: Baseline) {
    this.entities = [...baseline.keys()].filter((entity) => baseline.get(entity)!.length > 0); // as serializeBaseline
  }

  /** In the file's order, as rowLine writes each. */
  *rows(entity: string): Iterable<RowLine> {
    for (const { key, failures } of this.baseline.get(entity) ?? []) yield RowLine.of(key, [...failures].sort(compareText));
  }

  sorted(): boolean {
    return false;
  }

  rowBytes(): undefined {
    return undefined;
  }

  fingerprint(): string {
    return fingerprintOf(serializeBaseline(this.baseline));
  }
}

export function fingerprintOf(serialized: string): string {
  return crypto.createHash('sha256').update(serialized).digest('hex').slice(0, 16);
}
