import type { CellId, TableGrid, TableId } from "@/lib/format";

/** Printed on every page of an export that has not passed the checks. */
export const DRAFT_MARK = "草稿 — 未通过校验";

/** 1 = 一、 (section), 2 = （一） (topic), 3 = 1. ; GB/T 9704 gives each level its own face. */
export type HeadingLevel = 1 | 2 | 3;

export type HeadingBlock = { type: "heading"; level: HeadingLevel; text: string };

/** One paragraph of plain text (never HTML); renderers escape it. */
export type ParagraphBlock = { type: "paragraph"; text: string };

/**
 * A national table as printed: the grid from lib/format (labels and merges) and the
 * display text of every value cell of that grid, keyed by cell id.
 */
export type TableBlock = {
  type: "table";
  tableId: TableId;
  grid: TableGrid;
  cells: Readonly<Record<CellId, string>>;
};

export type DocumentBlock = HeadingBlock | ParagraphBlock | TableBlock;

/** Signature block at the end: the agency and the date of issue, e.g. 2026年1月20日. */
export type ClosingBlock = { agencyName: string; date: string };

/** A report laid out for export, independent of the output format. */
export type ReportDocument = {
  /** File name without extension: {机关全称}{年}年政府信息公开工作年度报告. */
  fileBaseName: string;
  /** Title lines: the agency, then {年}年政府信息公开工作年度报告. */
  title: readonly string[];
  /** The opening paragraphs, before section 一. */
  opening: readonly string[];
  blocks: readonly DocumentBlock[];
  closing: ClosingBlock | null;
  /** When true every renderer shows DRAFT_MARK. */
  isDraft: boolean;
};
