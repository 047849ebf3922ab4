import { applicantColumns, applicationsCellId, type CellId, getApplicationRow, getCell, getSection } from "@/lib/format";
import { CARRIED_FORWARD_ROW, CARRIED_OVER_ROW, carriedOverFrom, carriedOverIsBlank } from "@/lib/report/carried-over";
import type { TImportReview, TNarrativeBlock, TReport } from "@/lib/report/report-schema";
import type { ImportNote, SourceType } from "./types";

/**
 * Last year's published report, read from its file but not stored, as the start of this
 * year's: its 结转下年度继续办理 becomes this year's 上年结转, and its narrative is offered
 * as 沿用上年内容 drafts for the fields still empty. Pure functions over reports.
 */

export type LastYearFile = { report: TReport; fileName: string; sourceType: SourceType };

const carriedOverCells = applicantColumns.map((column) => applicationsCellId(CARRIED_OVER_ROW, column.key));

// With the editor's first load (it decides whether the import is offered); the rest loads when a file is chosen.
export { carriedOverIsBlank };

/** Why the file cannot be last year's report of this one (a Chinese sentence), or null when it can. */
export function lastYearMismatch(current: TReport, lastYear: TReport): string | null {
  const year = current.info.year;
  if (year === null) return "请先在“报告信息”中填写本报告的年度，再导入上年的报告";
  if (lastYear.info.year !== year - 1) {
    return `这是${lastYear.info.year ?? "未知"}年度的报告；本报告是${year}年度，上年已发布的报告应为${year - 1}年度，上年结转未填`;
  }
  return null;
}

export type CarriedOverImport =
  | { ok: true; report: TReport; filledCellIds: CellId[]; uncertainCellIds: CellId[] }
  | { ok: false; message: string };

const carriedForwardLabel = getApplicationRow(CARRIED_FORWARD_ROW).label;

/**
 * This year's 表三 二、上年结转 from last year's 四、结转下年度继续办理 (carriedOverFrom).
 * A figure the import of last year's file was unsure of stays 请核对 here, with the reason;
 * the import review records where the figures came from.
 */
export function withCarriedOverFromFile(current: TReport, file: LastYearFile): CarriedOverImport {
  const mismatch = lastYearMismatch(current, file.report);
  if (mismatch) return { ok: false, message: mismatch };
  const values = carriedOverFrom(file.report);
  const filledCellIds = carriedOverCells.filter((cellId) => values[cellId] != null);
  if (filledCellIds.length === 0) {
    return { ok: false, message: `“${file.fileName}”中没有读到表三的“${carriedForwardLabel}”，上年结转未填，请按上年报告填写` };
  }
  const lastReview = file.report.importReview;
  const sourceOf = (cellId: CellId) => cellId.replace(`.${CARRIED_OVER_ROW}.`, `.${CARRIED_FORWARD_ROW}.`);
  const uncertainCellIds = filledCellIds.filter((cellId) => lastReview?.unconfirmedCellIds.includes(sourceOf(cellId)) ?? false);

  const provenance: ImportNote = {
    kind: "carried_over",
    cellIds: filledCellIds,
    message: `表三“${getApplicationRow(CARRIED_OVER_ROW).label}”取自上年已发布的报告“${file.fileName}”（${file.report.info.year}年度）的“${carriedForwardLabel}”`,
  };
  // The importer's own reasons for the figures it was unsure of, said of this year's cells
  // (first: import.unconfirmed quotes a cell's first note).
  const reasons = uncertainCellIds.map((cellId): ImportNote => {
    const reason = lastReview?.notes.find((note) => note.cellIds.includes(sourceOf(cellId)));
    return {
      kind: "carried_over",
      cellIds: [cellId],
      message: `${getCell(cellId).name}取自上年报告的${getCell(sourceOf(cellId)).name}，导入上年报告时未能确认${reason ? `：${reason.message}` : ""}`,
    };
  });
  const notes = [...reasons, provenance];
  const own = current.importReview;
  const importReview: TImportReview = own
    ? {
        ...own,
        notes: [...own.notes, ...notes],
        unconfirmedCellIds: [...new Set([...own.unconfirmedCellIds, ...uncertainCellIds])],
      }
    : {
        source: { fileName: file.fileName, fileType: file.sourceType },
        detectedFormat: lastReview?.detectedFormat ?? "unknown",
        notes,
        unconfirmedCellIds: uncertainCellIds,
        carriedOverOnly: true,
      };
  const ledger = { ...current.ledger };
  for (const cellId of filledCellIds) ledger[cellId] = values[cellId]!;
  return { ok: true, report: { ...current, ledger, importReview }, filledCellIds, uncertainCellIds };
}

/** A part of last year's narrative that may become this year's draft: only where this year's field is empty. */
export type NarrativeDraftOffer = { id: string; label: string; text: string };

const isEmpty = (text: string) => text.trim() === "";
const overviewTitle = `${getSection("overview").ordinal}、${getSection("overview").title}`;
const sectionLabel = (id: "problems" | "other_matters") => `${getSection(id).ordinal}、${getSection(id).title}`;

/**
 * What of last year's narrative can fill this year's empty fields. 一's sub-headings come
 * as one offer when this year has none written yet (last year's sub-headings replace the
 * empty ones), else one by one into this year's empty sub-heading of the same title.
 */
export function narrativeDraftOffers(current: TReport, lastYear: TReport): NarrativeDraftOffer[] {
  const now = current.narrative;
  const last = lastYear.narrative;
  const offers: NarrativeDraftOffer[] = [];
  if (isEmpty(now.overview.intro) && !isEmpty(last.overview.intro)) {
    offers.push({ id: "intro", label: `${overviewTitle}：导语`, text: last.overview.intro });
  }
  const lastTopics = last.overview.topics.filter((topic) => !isEmpty(topic.body));
  if (now.overview.topics.every((topic) => isEmpty(topic.body))) {
    if (lastTopics.length > 0) {
      offers.push({
        id: "topics",
        label: `${overviewTitle}：${lastTopics.length} 个小标题及正文（${lastTopics.map((topic) => topic.title || "无标题").join("、")}）`,
        text: lastTopics.map((topic) => `${topic.title}\n${topic.body}`).join("\n"),
      });
    }
  } else {
    for (const topic of lastTopics) {
      const target = now.overview.topics.find((candidate) => candidate.title === topic.title);
      if (target && isEmpty(target.body))
        offers.push({ id: `topic:${topic.title}`, label: `${overviewTitle}：${topic.title}`, text: topic.body });
    }
  }
  for (const id of ["problems", "other_matters"] as const) {
    if (isEmpty(now[id].body) && !isEmpty(last[id].body)) offers.push({ id, label: sectionLabel(id), text: last[id].body });
  }
  return offers;
}

const draft = (block: TNarrativeBlock): TNarrativeBlock => ({ ...block, carriedFromLastYear: true });

/** This year's narrative with the chosen offers filled in, each marked 沿用上年内容 until edited. */
export function withNarrativeDrafts(current: TReport, lastYear: TReport, chosen: ReadonlySet<string>): TReport["narrative"] {
  const offered = new Set(narrativeDraftOffers(current, lastYear).map((offer) => offer.id));
  const take = (id: string) => chosen.has(id) && offered.has(id);
  const now = current.narrative;
  const last = lastYear.narrative;
  const topics = take("topics")
    ? last.overview.topics.filter((topic) => !isEmpty(topic.body)).map(draft)
    : now.overview.topics.map((topic) => {
        const source = last.overview.topics.find((candidate) => candidate.title === topic.title);
        return source && take(`topic:${topic.title}`) ? draft({ ...topic, body: source.body }) : topic;
      });
  return {
    overview: {
      intro: take("intro") ? last.overview.intro : now.overview.intro,
      introCarriedFromLastYear: take("intro") ? true : now.overview.introCarriedFromLastYear,
      topics,
    },
    problems: take("problems") ? { body: last.problems.body, carriedFromLastYear: true } : now.problems,
    other_matters: take("other_matters")
      ? { ...now.other_matters, body: last.other_matters.body, carriedFromLastYear: true }
      : now.other_matters,
  };
}
