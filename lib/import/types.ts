import type { CellId } from "@/lib/format";

/**
 * What the importer says about its reading. `kind` is a stable English id; the
 * message is the Chinese sentence shown to staff and printed by `import`/`check`.
 */
export type ImportNoteKind =
  /** A run-together figure that splits more than one way, or a row placed more than one way. */
  | "ambiguous"
  /** A figure that was not printed and could not be deduced: left blank. */
  | "unreadable"
  /** A figure decided by the table's own sums (a split, or a value lost in extraction). */
  | "resolved"
  /** Blank cells read as 0 because a printed total allows nothing else. */
  | "blank_as_zero"
  /** Blank cells kept blank. */
  | "blank"
  /** An annotation, unit or OCR slip removed from a cell. */
  | "cleaned"
  /** The 2019 format, or another departure from the 2021 format. */
  | "format"
  /** A table, row or section that the published report does not have. */
  | "missing"
  /** A figure found only in the narrative, not in a table. */
  | "narrative_only"
  /** Where the title, agency, year or date came from. */
  | "info"
  /** 上年结转 taken from last year's published report (the editor's 从上年已发布报告导入). */
  | "carried_over";

/** How the editor names each kind of note beside its message. */
export const importNoteKindLabels: Readonly<Record<ImportNoteKind, string>> = {
  ambiguous: "多种读法",
  unreadable: "未能读出",
  resolved: "按合计确定",
  blank_as_zero: "空白按 0",
  blank: "空白",
  cleaned: "已清理",
  format: "格式",
  missing: "缺少",
  narrative_only: "只在正文中",
  info: "标题与日期",
  carried_over: "上年结转",
};

export type ImportNote = { kind: ImportNoteKind; cellIds: CellId[]; message: string };

/** The file types the importer reads. */
export type SourceType = "pdf" | "docx" | "html" | "text";

/**
 * The document as lines of cells, whatever it came from: a table row is a line whose
 * cells are the row's cells; a paragraph is a line of one cell; a text line is split on
 * tabs and pipes. `reliableCells` says the cell boundaries are the document's own
 * (HTML, DOCX tables), not guessed from spacing.
 */
export type SourceLine = {
  cells: string[];
  table: number | null;
  reliableCells: boolean;
  /**
   * "whole": the line is a paragraph of its own (an HTML or Word paragraph); "start": a
   * printed line that begins a paragraph (indented, in a PDF); "visual": a printed line
   * that may run on from the one before.
   */
  layout: "whole" | "start" | "visual";
};
