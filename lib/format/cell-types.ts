export type TableId = "s2" | "s3" | "s4";

/** A count of 件, or an amount of money (万元). */
export type CellKind = "count" | "amount";

/** A stable cell id such as `s3.withheld.state_secret.natural_person`. */
export type CellId = string;

/**
 * A node of a header tree (the column headers of 表三/表四, or the row labels of 表三).
 * Leaves carry a key; groups carry children. A leaf with `sumOfPrecedingSiblings`
 * is a computed total of the leaves that come before it under the same parent.
 */
export type HeaderNode = {
  key?: string;
  label: string;
  /** Label used in messages when the verbatim label is too long. */
  shortLabel?: string;
  children?: readonly HeaderNode[];
  sumOfPrecedingSiblings?: boolean;
};

export type HeaderLeaf = {
  /** Dotted key path from the root, e.g. `withheld.state_secret`. */
  key: string;
  label: string;
  shortLabel: string;
  /** Labels of the groups above this leaf, outermost first. */
  ancestors: readonly HeaderNode[];
  /** Leaf keys whose sum this leaf is, when it is a computed total. */
  sumOf: readonly string[] | null;
  /** Depth of the leaf in the tree, 0 for a top-level leaf. */
  depth: number;
};

export type CellDefinition = {
  id: CellId;
  tableId: TableId;
  kind: CellKind;
  rowKey: string;
  columnKey: string;
  /** Human name used in messages, e.g. 表三「一、本年新收」行 自然人列. */
  name: string;
  /** Ids of the cells whose sum this cell is; null when the cell is entered. */
  computedFrom: readonly CellId[] | null;
};

/** “/”: the figure does not apply to this agency. Distinct from 0 and from blank. */
export const NOT_APPLICABLE = "/";

/**
 * A table cell: a number, “/” (不适用) or null (blank, not yet filled). Whether a number is
 * allowed in a given cell (integer, non-negative) is a ledger rule, not a type matter.
 */
export type TCellValue = number | typeof NOT_APPLICABLE | null;

/** The figures of 表二, 表三 and 表四 keyed by cell id. A missing key is blank. */
export type TLedger = Partial<Record<CellId, TCellValue>>;

/** The first and last years a report can be for: the 条例 took effect in 2008. */
export const FIRST_REPORT_YEAR = 2008;
export const LAST_REPORT_YEAR = 2100;
