import { describe, expect, it } from "vitest";
import { checkReport } from "@/lib/checks/check-report";
import { applicantColumns, applicationsCellId } from "@/lib/format";
import { startFromLastYear } from "@/lib/report/carry-forward";
import { FORMAT_VERSION, type TReport, ZReport } from "@/lib/report/report-schema";
import { importPublishedReport } from "./import-report";
import {
  carriedOverIsBlank,
  type LastYearFile,
  narrativeDraftOffers,
  withCarriedOverFromFile,
  withNarrativeDrafts,
} from "./last-year-file";

// Last year's page text: 结转下年度 run together so that it splits two ways (1/2/10 or 12/1/0).
const lastYearText = [
  "某县人民政府2024年政府信息公开工作年度报告",
  "一、总体情况",
  "（一）主动公开",
  "去年的主动公开正文。",
  "（二）依申请公开",
  "去年的依申请公开正文。",
  "三、收到和处理政府信息公开申请情况",
  "一、本年新收政府信息公开申请数量121000013",
  "二、上年结转政府信息公开申请数量0000000",
  "（七）总计0000000",
  "四、结转下年度继续办理121000013",
  "五、存在的主要问题及改进情况",
  "去年的问题。",
  "六、其他需要报告的事项",
  "去年的其他事项。",
].join("\n");

async function lastYearFile(text = lastYearText): Promise<LastYearFile> {
  const outcome = await importPublishedReport(new TextEncoder().encode(text), "2024年报.txt");
  if (!outcome.ok) throw new Error(outcome.message);
  return { report: outcome.report, fileName: "2024年报.txt", sourceType: outcome.sourceType };
}

const thisYear = (input: Partial<TReport> = {}): TReport =>
  ZReport.parse({ formatVersion: FORMAT_VERSION, info: { agencyName: "某县人民政府", year: 2025 }, ...input });

const carriedOver = (report: TReport) =>
  applicantColumns.map((column) => report.ledger[applicationsCellId("carried_over", column.key)] ?? null);

describe("上年结转 from last year's published file", () => {
  it("fills 二、上年结转 with last year's 四、结转下年度继续办理, keeping the figures the import was unsure of marked 请核对", async () => {
    const file = await lastYearFile();
    const current = thisYear();
    expect(carriedOverIsBlank(current)).toBe(true);
    const result = withCarriedOverFromFile(current, file);
    if (!result.ok) throw new Error(result.message);
    expect(carriedOver(result.report)).toEqual([1, 2, 10, 0, 0, 0, 13]);
    expect(carriedOverIsBlank(result.report)).toBe(false);
    const uncertain = ["natural_person", "commercial_enterprise", "research_institution"].map((column) =>
      applicationsCellId("carried_over", column),
    );
    expect(result.uncertainCellIds).toEqual(uncertain);
    const review = result.report.importReview!;
    expect(review.unconfirmedCellIds).toEqual(uncertain);
    expect(review.carriedOverOnly).toBe(true);
    expect(review.source).toEqual({ fileName: "2024年报.txt", fileType: "text" });
    // The rule lists each uncertain cell with the importer's reason (both readings).
    const errors = checkReport(result.report).filter((item) => item.ruleId === "import.unconfirmed");
    expect(errors.map((item) => item.cellIds[0])).toEqual(uncertain);
    expect(errors[0]!.message).toContain("1/2/10/0/0/0/13 或 12/1/0/0/0/0/13");
    // This year's report is untouched otherwise, and last year's is not changed.
    expect(result.report.narrative).toEqual(current.narrative);
    expect(current.importReview).toBeNull();
  });

  it("adds to the import review of a report that was itself imported, without claiming it was made from last year's file", async () => {
    const file = await lastYearFile();
    const ownReview = {
      source: { fileName: "2025年报.pdf", fileType: "pdf" as const },
      detectedFormat: "2021" as const,
      notes: [],
      unconfirmedCellIds: [applicationsCellId("new", "natural_person")],
    };
    const result = withCarriedOverFromFile(thisYear({ importReview: ownReview }), file);
    if (!result.ok) throw new Error(result.message);
    const review = result.report.importReview!;
    expect(review.source.fileName).toBe("2025年报.pdf");
    expect(review.carriedOverOnly).toBeUndefined();
    expect(review.unconfirmedCellIds).toEqual([applicationsCellId("new", "natural_person"), ...result.uncertainCellIds]);
    expect(review.notes.at(-1)!.message).toContain("取自上年已发布的报告“2024年报.txt”（2024年度）");
  });

  it("refuses a file of another year, and one without 结转下年度, in Chinese", async () => {
    const file = await lastYearFile();
    const wrongYear = withCarriedOverFromFile(
      thisYear({ info: { agencyName: "某县人民政府", year: 2026 } as TReport["info"] }),
      file,
    );
    expect(wrongYear).toEqual({
      ok: false,
      message: "这是2024年度的报告；本报告是2026年度，上年已发布的报告应为2025年度，上年结转未填",
    });
    const noTable = await lastYearFile(lastYearText.replace(/三、收到[\s\S]*?(?=五、)/u, ""));
    const missing = withCarriedOverFromFile(thisYear(), noTable);
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.message).toContain("没有读到表三的“四、结转下年度继续办理”");
  });
});

describe("沿用上年内容 drafts from last year's file", () => {
  it("offers only the fields this year leaves empty, and fills the chosen ones marked 沿用上年内容", async () => {
    const file = await lastYearFile();
    const current = thisYear({ narrative: { problems: { body: "今年已写的问题。" } } as TReport["narrative"] });
    const offers = narrativeDraftOffers(current, file.report);
    expect(offers.map((offer) => offer.id)).toEqual(["topics", "other_matters"]);
    expect(offers[0]!.label).toBe("一、总体情况：2 个小标题及正文（主动公开、依申请公开）");

    const narrative = withNarrativeDrafts(current, file.report, new Set(["topics", "problems"]));
    expect(narrative.overview.topics).toEqual([
      { title: "主动公开", body: "去年的主动公开正文。", carriedFromLastYear: true },
      { title: "依申请公开", body: "去年的依申请公开正文。", carriedFromLastYear: true },
    ]);
    // 五 was not offered (it has text this year), so choosing it changes nothing; 六 was not chosen.
    expect(narrative.problems).toEqual({ body: "今年已写的问题。", carriedFromLastYear: false });
    expect(narrative.other_matters.body).toBe("");
  });

  it("fills a sub-heading of the same title one by one once this year has written some of them", async () => {
    const file = await lastYearFile();
    const current = thisYear();
    const topics = current.narrative.overview.topics.map((topic) =>
      topic.title === "依申请公开" ? { ...topic, body: "今年的依申请公开。" } : topic,
    );
    const started = { ...current, narrative: { ...current.narrative, overview: { ...current.narrative.overview, topics } } };
    const offers = narrativeDraftOffers(started, file.report);
    expect(offers.map((offer) => offer.id)).toEqual(["topic:主动公开", "problems", "other_matters"]);
    const narrative = withNarrativeDrafts(started, file.report, new Set(["topic:主动公开"]));
    expect(narrative.overview.topics.find((topic) => topic.title === "主动公开")).toEqual({
      title: "主动公开",
      body: "去年的主动公开正文。",
      carriedFromLastYear: true,
    });
    expect(narrative.overview.topics.find((topic) => topic.title === "依申请公开")).toEqual({
      title: "依申请公开",
      body: "今年的依申请公开。",
      carriedFromLastYear: false,
    });
    expect(checkReport({ ...started, narrative }).some((item) => item.ruleId === "cross_year.narrative_unedited")).toBe(true);
  });
});

describe("以此为基础新建 from an imported last-year report", () => {
  it("starts the next year as from one made here: no import review, no 请核对 marks, no title or sections of the source", async () => {
    const { report: imported } = await lastYearFile();
    expect(imported.importReview!.unconfirmedCellIds.length).toBeGreaterThan(0);
    expect(imported.info.title).not.toBeNull();
    const next = startFromLastYear(imported);
    expect(next.importReview).toBeNull();
    expect(next.importedSections).toBeUndefined();
    expect(next.info.title).toBeNull();
    expect(next.info.year).toBe(2025);
    expect(carriedOver(next)).toEqual([1, 2, 10, 0, 0, 0, 13]);
    expect(checkReport(next).some((item) => item.ruleId === "import.unconfirmed")).toBe(false);
    expect(next.narrative.overview.topics.map((topic) => [topic.title, topic.carriedFromLastYear])).toEqual([
      ["主动公开", true],
      ["依申请公开", true],
    ]);
  });
});
