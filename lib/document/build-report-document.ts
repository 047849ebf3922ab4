import {
  type CellId,
  reportSections,
  type SectionDefinition,
  sectionHeading,
  type TableId,
  type TCellValue,
  tableGrids,
} from "@/lib/format";
import { deriveLedger } from "@/lib/ledger/derive-ledger";
import { formatCellValue } from "@/lib/ledger/normalise-entry";
import { resolveNarrative, resolveReferences } from "@/lib/narrative/references";
import { bracketOrdinal } from "@/lib/report/chinese-numeral";
import type { TReport } from "@/lib/report/report-schema";
import { agencyText, processingFeesSentence, reportTitle, yearTitle } from "@/lib/report/report-wording";
import { generateOpeningParagraph } from "./opening-paragraph";
import type { ClosingBlock, DocumentBlock, ReportDocument, TableBlock } from "./report-document";

type Narrative = TReport["narrative"];

/** Characters no file system accepts in a name; an agency name should never hold them, but one pasted might. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are among those no file system accepts; they are stripped from the name
const UNSAFE_FILE_NAME_CHARACTERS = /[\\/:*?"<>|\u0000-\u001f]/g;

/** One paragraph per non-empty line; staff's own leading spaces go, the renderer indents. */
export function splitParagraphs(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

const paragraphs = (text: string): DocumentBlock[] => splitParagraphs(text).map((line) => ({ type: "paragraph", text: line }));

/** A line of its own that opens with （一）… or (一)…: a second-level heading typed into the text of 五 or 六. */
const TYPED_SUB_HEADING = /^[（(]\s*([一二三四五六七八九十]+)\s*[）)]\s*(\S.*)$/u;
/** Longer than this, or holding a full stop, it is a paragraph that starts with its own number. */
const MAX_SUB_HEADING_CHARACTERS = 30;

/**
 * The text of 五 and 六 with its sub-headings (（一）存在问题, (一)收取信息处理费的情况) set
 * as headings like 一's, whichever brackets were typed: the ordinal is written （一）.
 */
function narrativeBlocks(text: string): DocumentBlock[] {
  return splitParagraphs(text).map((line): DocumentBlock => {
    const match = TYPED_SUB_HEADING.exec(line);
    const title = match?.[2]?.trim();
    if (!match || !title || Array.from(line).length > MAX_SUB_HEADING_CHARACTERS || /[。；！？]./u.test(title)) {
      return { type: "paragraph", text: line };
    }
    return { type: "heading", level: 2, text: `（${match[1]}）${title}` };
  });
}

/** 2026-01-20 → 2026年1月20日. */
export function formatChineseDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new Error(`not a YYYY-MM-DD date: ${isoDate}`);
  const [, year, month, day] = match;
  return `${Number(year)}年${Number(month)}月${Number(day)}日`;
}

function tableBlock(tableId: TableId, effective: Readonly<Record<CellId, TCellValue>>): TableBlock {
  const grid = tableGrids[tableId];
  const cells: Record<CellId, string> = {};
  for (const cell of grid.rows.flat()) {
    if (cell.type === "value") cells[cell.cellId] = formatCellValue(effective[cell.cellId]);
  }
  return { type: "table", tableId, grid, cells };
}

function overviewBlocks(overview: Narrative["overview"]): DocumentBlock[] {
  const blocks = paragraphs(overview.intro);
  let ordinal = 0;
  for (const topic of overview.topics) {
    const title = topic.title.trim();
    // A topic without a title has nothing to number; its text still belongs to the section.
    if (title !== "") {
      ordinal += 1;
      blocks.push({ type: "heading", level: 2, text: `${bracketOrdinal(ordinal)}${title}` });
    }
    blocks.push(...paragraphs(topic.body));
  }
  return blocks;
}

function sectionBody(
  section: SectionDefinition,
  narrative: Narrative,
  effective: Readonly<Record<CellId, TCellValue>>,
): DocumentBlock[] {
  if (section.tableId !== null) return [tableBlock(section.tableId, effective)];
  switch (section.id) {
    case "overview":
      return overviewBlocks(narrative.overview);
    case "problems":
      return narrativeBlocks(narrative.problems.body);
    case "other_matters": {
      const fees = processingFeesSentence(narrative.other_matters.processingFees);
      return [...narrativeBlocks(narrative.other_matters.body), ...(fees ? paragraphs(fees) : [])];
    }
    default:
      throw new Error(`section ${section.id} has neither a table nor a narrative`);
  }
}

export function buildReportDocument(report: TReport, options: { isDraft: boolean }): ReportDocument {
  const { info } = report;
  const agencyName = agencyText(info.agencyName);
  const { effective } = deriveLedger(report.ledger);
  // Linked figures ({{fig:…}}) print as the plain number the table shows.
  const narrative = resolveNarrative(report.narrative, effective);

  const blocks: DocumentBlock[] = [];
  for (const section of reportSections) {
    blocks.push({ type: "heading", level: 1, text: sectionHeading(section) });
    blocks.push(...sectionBody(section, narrative, effective));
  }

  const opening = resolveReferences(info.openingParagraph ?? generateOpeningParagraph(info), effective);
  const closing: ClosingBlock | null = info.issuedOn === null ? null : { agencyName, date: formatChineseDate(info.issuedOn) };

  return {
    fileBaseName: reportTitle(info).replace(UNSAFE_FILE_NAME_CHARACTERS, ""),
    title: [agencyName, yearTitle(info.year)],
    opening: splitParagraphs(opening),
    blocks,
    closing,
    isDraft: options.isDraft,
  };
}
