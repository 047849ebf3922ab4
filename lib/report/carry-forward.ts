import { FIRST_REPORT_YEAR, LAST_REPORT_YEAR } from "@/lib/format";
import { carriedOverFrom } from "./carried-over";
import { type TNarrativeBlock, type TReport, ZReport } from "./report-schema";

/** Last year's report cannot start a next year (no year, or the next year is out of range). */
export class CarryForwardError extends Error {
  readonly status = 400;
  readonly isCarryForwardError = true;
  constructor(message: string) {
    super(message);
    this.name = "CarryForwardError";
  }
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
  if (info.year === null) throw new CarryForwardError("这份报告还没有填写年度，不能以它为基础新建下一年度的报告");
  const year = info.year + 1;
  if (year < FIRST_REPORT_YEAR || year > LAST_REPORT_YEAR) {
    throw new CarryForwardError(
      `不能以${info.year}年的报告为基础新建：${year}年不在可编制的年度（${FIRST_REPORT_YEAR}—${LAST_REPORT_YEAR}）之内`,
    );
  }
  return ZReport.parse({
    formatVersion: previous.formatVersion,
    // A title names its year, so last year's own wording cannot carry over.
    info: { ...info, year, openingParagraph: null, issuedOn: null, title: null, titleApproved: false },
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

/** Next.js may load this module in two server layers: test the brand, not `instanceof`. */
export function isCarryForwardError(error: unknown): error is CarryForwardError {
  return error instanceof Error && (error as Partial<CarryForwardError>).isCarryForwardError === true;
}
