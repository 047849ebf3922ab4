import { applicantColumns, applicationsCellId, type CellId } from "@/lib/format";
import { deriveLedger } from "@/lib/ledger/derive-ledger";
import { ZReport, type TCellValue, type TNarrativeBlock, type TReport } from "./report-schema";

/** Last year's 结转下年度继续办理 becomes this year's 上年结转 (表三 第四项 → 第二项). */
export const CARRIED_FORWARD_ROW = "carried_forward";
export const CARRIED_OVER_ROW = "carried_over";

export function carriedOverFrom(previous: TReport): Record<CellId, TCellValue> {
  const { effective } = deriveLedger(previous.ledger);
  return Object.fromEntries(
    applicantColumns.map((column) => [
      applicationsCellId(CARRIED_OVER_ROW, column.key),
      effective[applicationsCellId(CARRIED_FORWARD_ROW, column.key)] ?? null,
    ]),
  );
}

const asDraft = <T extends { body: string; carriedFromLastYear: boolean }>(block: T): T => ({
  ...block,
  carriedFromLastYear: block.body.trim() !== "",
});

/**
 * A report for the year after `previous`: agency data copied, 上年结转 filled from last
 * year's 结转下年度, narrative copied as drafts marked 沿用上年内容 until edited, and
 * every other figure left blank for this year.
 */
export function startFromLastYear(previous: TReport): TReport {
  const { info, narrative } = previous;
  return ZReport.parse({
    formatVersion: previous.formatVersion,
    // A title names its year, so last year's own wording cannot carry over.
    info: { ...info, year: info.year + 1, openingParagraph: null, issuedOn: null, title: null, titleApproved: false },
    narrative: {
      overview: {
        intro: narrative.overview.intro,
        introCarriedFromLastYear: narrative.overview.intro.trim() !== "",
        topics: narrative.overview.topics.map((topic: TNarrativeBlock) => asDraft(topic)),
      },
      problems: asDraft(narrative.problems),
      other_matters: {
        ...asDraft(narrative.other_matters),
        processingFees: { noticesIssued: null, noticedAmount: null, collectedAmount: null },
      },
    },
    ledger: carriedOverFrom(previous),
  });
}
