/** Primary-key values of one row, in key order, as the database returns them. */
export type KeyTuple = unknown[];

/** Rows with key > `after` (when set) and key <= `through` (when set), in key order. */
export interface KeyRange {
  after: KeyTuple | null;
  through: KeyTuple | null;
}

export const WHOLE_TABLE: KeyRange = { after: null, through: null };
