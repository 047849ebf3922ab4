import { activeDisclosureBlocks } from "./active-disclosure-table";
import { applicantColumnTree, applicationRowTree } from "./applications-table";
import type { CellId, CellKind, HeaderNode, TableId } from "./cell-types";
import { headerLeaves } from "./header-tree";
import {
  activeDisclosureCellId,
  applicantColumns,
  applicationRows,
  applicationsCellId,
  getApplicationRow,
  getCell,
  reviewsLitigationCellId,
  reviewsLitigationColumns,
  tableName,
} from "./national-tables";
import { reviewsLitigationColumnTree } from "./reviews-litigation-table";

/**
 * A figure a narrative can state or link: a cell of the national tables, or a sum of
 * cells named in prose (a 表三 group such as （三）不予公开, 收到申请总数, 行政诉讼 …).
 * Cell figures share the cell's id; derived figures use the same dotted scheme with a
 * row or column that has no cell of its own, e.g. `s3.withheld.total`.
 */
export type FigureId = string;

export type LinkedFigure = {
  id: FigureId;
  tableId: TableId;
  kind: CellKind;
  /** Full name for messages, in the style of the cell names: 表三「（三）不予公开」行 总计列. */
  name: string;
  /** Short name for a chip or a picker: 不予公开, 行政复议结果维持, 收到申请总数. */
  shortName: string;
  /** The cells whose sum the figure is; a cell figure is its own single addend. */
  addends: readonly CellId[];
  isCell: boolean;
};

/** （三）不予公开 → 不予公开, 一、本年新收 → 本年新收, 1.属于国家秘密 → 属于国家秘密. */
export function stripOrdinal(label: string): string {
  return label.replace(/^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)/u, "");
}

const isGroup = (node: HeaderNode) => (node.children?.length ?? 0) > 0;

/** The keyless group 法人或其他组织 of 表三's columns, summed as a column of its own. */
export const ORGANIZATIONS_COLUMN = "organizations";
const organizationsNode = applicantColumnTree[0]!.children!.find((node) => isGroup(node) && !node.key)!;
const organizationColumns = headerLeaves(organizationsNode.children!);

/** The keyless group 行政诉讼 of 表四, summed over its two kinds of lawsuit. */
export const LITIGATION_GROUP = "litigation";
const litigationNode = reviewsLitigationColumnTree.find((node) => isGroup(node) && !node.key)!;
const litigationGroups = litigationNode.children!;

/** 表三 rows no table prints but every narrative states: 一 + 二, and （一）+（二）. */
export const RECEIVED_ROW = "received";
export const DISCLOSED_ROW = "disclosed";

const resultsNode = applicationRowTree.find((node) => isGroup(node) && !node.key)!;
/** The keyed groups of 三、本年度办理结果: （三）不予公开, （四）无法提供, （五）不予处理, （六）其他处理. */
export const applicationResultGroups: readonly HeaderNode[] = resultsNode.children!.filter((node) => isGroup(node) && node.key);

export const groupLeafRows = (groupKey: string) => applicationRows.filter((row) => row.key.startsWith(`${groupKey}.`));

const rowTerm = (key: string) => stripOrdinal(getApplicationRow(key).shortLabel);

type DerivedRow = { key: string; label: string; term: string; rowKeys: readonly string[] };

const derivedApplicationRows: readonly DerivedRow[] = [
  ...applicationResultGroups.map((group) => ({
    key: group.key!,
    label: group.label,
    term: stripOrdinal(group.label),
    rowKeys: groupLeafRows(group.key!).map((row) => row.key),
  })),
  {
    key: RECEIVED_ROW,
    label: `${getApplicationRow("new").shortLabel} + ${getApplicationRow("carried_over").shortLabel}`,
    term: "收到申请总数",
    rowKeys: ["new", "carried_over"],
  },
  {
    key: DISCLOSED_ROW,
    label: `${getApplicationRow("granted").shortLabel} + ${getApplicationRow("partially_granted").shortLabel}`,
    term: `${rowTerm("granted")}和${rowTerm("partially_granted")}`,
    rowKeys: ["granted", "partially_granted"],
  },
];

/** Short names staff use for a few figures whose label is a position, not a name. */
const shortNameOverrides: Record<FigureId, string> = {
  [applicationsCellId("results_total", "total")]: "办结",
  [reviewsLitigationCellId("review.total")]: `${reviewsLitigationColumnTree[0]!.label}总数`,
  [reviewsLitigationCellId(`${LITIGATION_GROUP}.total`)]: `${litigationNode.label}总数`,
};

type ApplicantColumn = { key: string; label: string; columnKeys: readonly string[] };
const applicantFigureColumns: readonly ApplicantColumn[] = [
  ...applicantColumns.map((column) => ({ key: column.key, label: column.label, columnKeys: [column.key] })),
  { key: ORGANIZATIONS_COLUMN, label: organizationsNode.label, columnKeys: organizationColumns.map((column) => column.key) },
];

const s3Name = (rowLabel: string, columnLabel: string) => `${tableName("s3")}「${rowLabel}」行 ${columnLabel}列`;
const s3ShortName = (term: string, column: ApplicantColumn) => (column.key === "total" ? term : `${term}（${column.label}）`);

function applicationFigures(): LinkedFigure[] {
  const figures: LinkedFigure[] = [];
  const rows = [
    ...applicationRows.map((row) => ({
      key: row.key,
      label: row.shortLabel,
      // 1.属于国家秘密 is named with its group: 不予公开：属于国家秘密.
      term: [...row.ancestors.slice(1).map((node) => stripOrdinal(node.label)), stripOrdinal(row.shortLabel)].join("："),
      rowKeys: [row.key],
    })),
    ...derivedApplicationRows,
  ];
  for (const row of rows) {
    for (const column of applicantFigureColumns) {
      const id = applicationsCellId(row.key, column.key);
      const isCell = row.rowKeys.length === 1 && column.columnKeys.length === 1;
      // Each addend is a cell as the table shows it (a stated or derived row total in the 总计 column).
      const addends = isCell
        ? [id]
        : row.rowKeys.flatMap((rowKey) => column.columnKeys.map((columnKey) => applicationsCellId(rowKey, columnKey)));
      figures.push({
        id,
        tableId: "s3",
        kind: "count",
        name: isCell ? getCell(id).name : s3Name(row.label, column.label),
        shortName: s3ShortName(row.term, column),
        addends,
        isCell,
      });
    }
  }
  return figures;
}

function reviewsLitigationFigures(): LinkedFigure[] {
  const cells = reviewsLitigationColumns.map((column) => {
    const id = reviewsLitigationCellId(column.key);
    return {
      id,
      tableId: "s4" as const,
      kind: "count" as const,
      name: getCell(id).name,
      shortName: [...column.ancestors.slice(-1).map((node) => node.label), column.label].join(""),
      addends: [id],
      isCell: true,
    };
  });
  const outcomes = reviewsLitigationColumnTree[0]!.children!;
  const litigation = outcomes.map((outcome) => ({
    id: reviewsLitigationCellId(`${LITIGATION_GROUP}.${outcome.key}`),
    tableId: "s4" as const,
    kind: "count" as const,
    name: `${tableName("s4")} ${litigationNode.label} ${outcome.label}`,
    shortName: `${litigationNode.label}${outcome.label}`,
    addends: litigationGroups.map((group) => reviewsLitigationCellId(`${group.key}.${outcome.key}`)),
    isCell: false,
  }));
  return [...cells, ...litigation];
}

function activeDisclosureFigures(): LinkedFigure[] {
  return activeDisclosureBlocks.flatMap((block) =>
    block.rows.flatMap((row) =>
      block.columns.map((column) => {
        const id = activeDisclosureCellId(row.key, column.key);
        return {
          id,
          tableId: "s2" as const,
          kind: block.kind,
          name: getCell(id).name,
          shortName: block.columns.length > 1 ? `${row.label}${column.label}` : row.label,
          addends: [id],
          isCell: true,
        };
      }),
    ),
  );
}

/** Every figure a narrative can link, in the order of the tables. */
export const linkedFigures: readonly LinkedFigure[] = [
  ...activeDisclosureFigures(),
  ...applicationFigures(),
  ...reviewsLitigationFigures(),
].map((figure) => ({ ...figure, shortName: shortNameOverrides[figure.id] ?? figure.shortName }));

const figuresById = new Map(linkedFigures.map((figure) => [figure.id, figure]));

export function findLinkedFigure(id: FigureId): LinkedFigure | undefined {
  return figuresById.get(id);
}

export function getLinkedFigure(id: FigureId): LinkedFigure {
  const figure = figuresById.get(id);
  if (!figure) throw new Error(`unknown figure ${id}`);
  return figure;
}

const s3Total = (rowKey: string) => applicationsCellId(rowKey, "total");

/**
 * The figures narratives state most, offered first by the picker: 表三's totals in the
 * order a report tells them, then 表四's 复议 and 诉讼 with their outcomes.
 */
export const namedFigureIds: readonly FigureId[] = [
  s3Total(RECEIVED_ROW),
  s3Total("new"),
  s3Total("carried_over"),
  s3Total("results_total"),
  s3Total("granted"),
  s3Total("partially_granted"),
  s3Total(DISCLOSED_ROW),
  ...applicationResultGroups.map((group) => s3Total(group.key!)),
  s3Total("carried_forward"),
  ...[reviewsLitigationColumnTree[0]!.key!, LITIGATION_GROUP].flatMap((group) => {
    const outcomes = reviewsLitigationColumnTree[0]!.children!.map((outcome) => outcome.key!);
    // The total first: “被申请行政复议N件，其中维持N件…”.
    return [...outcomes.slice(-1), ...outcomes.slice(0, -1)].map((outcome) => reviewsLitigationCellId(`${group}.${outcome}`));
  }),
];

export const namedFigures: readonly LinkedFigure[] = namedFigureIds.map(getLinkedFigure);

/**
 * A linked figure inside narrative text is stored as `{{fig:ID}}`, ID being a figure id
 * of lib/format/linked-figures (a cell id such as `s3.new.total`, or a derived figure
 * such as `s3.received.total`). Double braces never occur in a report's own prose,
 * unlike 〔〕, which every 文号 uses.
 */
export const FIGURE_REFERENCE = /\{\{fig:([^{}]*)\}\}/g;

/** The stored text of a linked figure, `{{fig:ID}}`. */
export function figureReference(id: FigureId): string {
  return `{{fig:${id}}}`;
}
