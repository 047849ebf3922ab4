import { type TableId, tableName } from "@/lib/format";
import { type LinkedFigure, linkedFigures, namedFigures } from "@/lib/format/linked-figures";

/** A heading of the figure picker and the figures under it. */
export type FigureGroup = { key: string; title: string; figures: readonly LinkedFigure[] };

export const NAMED_GROUP_TITLE = "常用数字";

/** The part of a figure's name that names its row (表三「一、本年新收」行) or column group (表四 行政复议). */
function rowTitle(figure: LinkedFigure): string {
  const { name } = figure;
  const table = tableName(figure.tableId);
  switch (figure.tableId as TableId) {
    case "s3":
      return name.replace(/\s*\S+列$/u, "");
    case "s2":
      return name.match(/^表.「[^」]*」/u)?.[0] ?? table;
    case "s4":
      return name.replace(/\s+\S+$/u, "");
  }
}

/** Figures of one row share their id but for the last part: `s3.new.total`, `s3.new.natural_person` → `s3.new`. */
const rowKey = (figure: LinkedFigure) => figure.id.slice(0, figure.id.lastIndexOf("."));

function groupByRow(figures: readonly LinkedFigure[]): FigureGroup[] {
  const groups = new Map<string, { key: string; title: string; figures: LinkedFigure[] }>();
  for (const figure of figures) {
    const key = rowKey(figure);
    const group = groups.get(key);
    if (group) group.figures.push(figure);
    else groups.set(key, { key, title: rowTitle(figure), figures: [figure] });
  }
  return [...groups.values()];
}

const cellOrder = new Map(linkedFigures.filter((figure) => figure.isCell).map((figure, index) => [figure.id, index]));
const isTotal = (figure: LinkedFigure) => figure.id.endsWith(".total");

/**
 * Rows in the order of the tables, a sum of rows (（三）不予公开, 收到申请总数, 行政诉讼) just
 * before the first row it adds up; within a row the total first, as a narrative states it.
 */
function tableOrder(groups: readonly FigureGroup[]): FigureGroup[] {
  const position = (group: FigureGroup) =>
    Math.min(...group.figures.flatMap((figure) => figure.addends.map((id) => cellOrder.get(id) ?? Infinity)));
  return groups
    .map((group, index) => ({ group, index, position: position(group), isSum: group.figures.every((figure) => !figure.isCell) }))
    .sort((a, b) => a.position - b.position || Number(b.isSum) - Number(a.isSum) || a.index - b.index)
    .map(({ group }) => ({
      ...group,
      figures: [...group.figures.filter(isTotal), ...group.figures.filter((figure) => !isTotal(figure))],
    }));
}

const allRows = tableOrder(groupByRow(linkedFigures));

/** How well a figure answers a search: 0 its short name starts so, 1 contains it, 2 its full name does; null not at all. */
function matchRank(figure: LinkedFigure, groupTitle: string, query: string): number | null {
  if (figure.shortName.startsWith(query)) return 0;
  if (figure.shortName.includes(query)) return 1;
  if (`${groupTitle}${figure.name}`.includes(query)) return 2;
  return null;
}

/** Every character of the query, in order (复议维持 finds 行政复议结果维持). */
function isSubsequence(query: string, text: string): boolean {
  let index = 0;
  for (const char of text) if (char === query[index]) index += 1;
  return index === query.length;
}

const squeeze = (text: string) => text.normalize("NFKC").replace(/\s+/gu, "");

/**
 * The picker's list for what was typed: the named figures first, then every figure of the
 * tables grouped by table and row. A search keeps the figures whose names contain it (or,
 * when none does, contain its characters in order), best first within the named group.
 */
export function figureChoices(query: string): FigureGroup[] {
  const wanted = squeeze(query);
  if (wanted === "") return [{ key: "named", title: NAMED_GROUP_TITLE, figures: namedFigures }, ...allRows];

  const rank = (figure: LinkedFigure, title: string) => matchRank(figure, title, wanted);
  const filter = (byRank: boolean) => {
    const test = (figure: LinkedFigure, title: string) =>
      byRank ? rank(figure, title) !== null : isSubsequence(wanted, `${figure.shortName}${title}${figure.name}`);
    const named = namedFigures
      .filter((figure) => test(figure, ""))
      .map((figure, order) => ({ figure, order, score: rank(figure, "") ?? 3 }))
      .sort((a, b) => a.score - b.score || a.order - b.order)
      .map((item) => item.figure);
    const rows = allRows
      .map((group) => ({ ...group, figures: group.figures.filter((figure) => test(figure, group.title)) }))
      .filter((group) => group.figures.length > 0);
    return [...(named.length > 0 ? [{ key: "named", title: NAMED_GROUP_TITLE, figures: named }] : []), ...rows];
  };
  const found = filter(true);
  return found.length > 0 ? found : filter(false);
}

/** The choices one after another, as the arrow keys walk them. */
export const flatChoices = (groups: readonly FigureGroup[]): LinkedFigure[] => groups.flatMap((group) => group.figures);
