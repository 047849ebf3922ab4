import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { labelsApartMarkdown } from "@/fixtures/import/forms";
import { realFixture } from "@/fixtures/import/real/expected";
import { seedLedgerEntries, seedReport } from "@/fixtures/seed-reports";
import {
  activeDisclosureCellId,
  applicantColumns,
  applicationRows,
  applicationsCellId,
  reviewsLitigationCellId,
  reviewsLitigationColumns,
} from "@/lib/format";
import { deriveLedger } from "@/lib/ledger/derive-ledger";
import type { TReport } from "@/lib/report/report-schema";
import { importPublishedReport, MAX_IMPORT_BYTES, tooLargeMessage } from "./import-report";
import { readApplications } from "./read-applications";

const encode = (text: string) => new TextEncoder().encode(text);
const seedFile = (prefix: string) => {
  const entry = seedLedgerEntries.find((candidate) => candidate.seed.startsWith(prefix))!;
  return { entry, bytes: readFileSync(path.join(process.cwd(), "fixtures", "seeds", entry.seed)) };
};

async function read(bytes: Uint8Array, fileName: string): Promise<TReport> {
  const outcome = await importPublishedReport(bytes, fileName);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.report;
}

/** Every figure of the seed's three tables, as the table shows it (a total left out is derived). */
function expectSeedFigures(report: TReport, prefix: string) {
  const { entry } = seedFile(prefix);
  const want = deriveLedger(seedReport(entry).ledger).effective;
  const got = deriveLedger(report.ledger).effective;
  const differences = Object.keys(want)
    .filter((cellId) => want[cellId] !== got[cellId])
    .map((cellId) => `${cellId}: ${got[cellId]} ≠ ${want[cellId]}`);
  expect(differences).toEqual([]);
  expect(report.importReview!.unconfirmedCellIds).toEqual([]);
}

const row = (report: TReport, key: string) =>
  applicantColumns.map((column) => report.ledger[applicationsCellId(key, column.key)] ?? null);
const reviews = (report: TReport) =>
  reviewsLitigationColumns.map((column) => report.ledger[reviewsLitigationCellId(column.key)] ?? null);

/** A minimal report around a 表三 given as lines of text. */
const withApplications = (lines: string[]) =>
  [
    "某县人民政府2024年政府信息公开工作年度报告",
    "一、总体情况",
    "正文。",
    "三、收到和处理政府信息公开申请情况",
    ...lines,
    "五、存在的主要问题及改进情况",
    "无。",
  ].join("\n");

describe("tables in the forms published reports take", () => {
  it("reads tab-separated rows whose figures sit under 总计 only, blanks made 0 by the printed totals (seed 000)", async () => {
    const report = await read(seedFile("000").bytes, "seed.txt");
    expectSeedFigures(report, "000");
    expect(report.importReview!.notes.some((note) => note.kind === "blank_as_zero")).toBe(true);
  });

  it("reads one cell per line (seed 001)", async () => {
    expectSeedFigures(await read(seedFile("001").bytes, "seed.txt"), "001");
  });

  it("reads pipe-separated cells, one per line (seed 002)", async () => {
    expectSeedFigures(await read(seedFile("002").bytes, "seed.txt"), "002");
  });

  it("reads rows shifted one column left or with a figure lost, as the table's sums place them (seed 004)", async () => {
    const report = await read(seedFile("004").bytes, "seed.md");
    expectSeedFigures(report, "004");
    const granted = report.importReview!.notes.find(
      (note) => note.message.includes("（一）予以公开") && note.kind === "resolved",
    )!;
    expect(granted.message).toContain("62/2/0/0/0/0/64");
  });

  it("says seed 003 printed no tables instead of inventing one", async () => {
    const report = await read(seedFile("003").bytes, "seed.txt");
    expect(Object.values(report.ledger).filter((value) => value !== null && value !== undefined)).toEqual([]);
    const note = report.importReview!.notes.find((candidate) => candidate.kind === "narrative_only")!;
    expect(note.message).toContain("没有印出统计表");
    expect(report.importReview!.detectedFormat).toBe("unknown");
  });

  it("splits figures run together so the balance and （七）总计 hold, and flags what they cannot decide", async () => {
    const report = await read(
      encode(
        withApplications([
          // Alone, “121000013” reads 12/1/0/0/0/0/13 or 1/2/10/0/0/0/13; the printed （七）总计 row decides.
          "一、本年新收政府信息公开申请数量121000013",
          "二、上年结转政府信息公开申请数量0000000",
          "三、本年度办理结果（一）予以公开121000013",
          "（七）总计\t12\t1\t0\t0\t0\t0\t13",
          "四、结转下年度继续办理0000000",
        ]),
      ),
      "page.txt",
    );
    // 第一项 + 第二项 = 第三项 + 第四项 column by column: 一 must be 12/1/0/0/0/0/13.
    expect(row(report, "new")).toEqual([12, 1, 0, 0, 0, 0, 13]);
    expect(report.importReview!.notes.some((note) => note.kind === "resolved" && note.message.includes("12/1/0/0/0/0/13"))).toBe(
      true,
    );
    // （一） is the only result printed, so （七）总计 = the results cannot check it: both splits stay open.
    const granted = applicantColumns.slice(0, 3).map((column) => applicationsCellId("granted", column.key));
    // The rows this page never printed are listed too: not read is not 0.
    expect(
      report.importReview!.unconfirmedCellIds.filter((cellId) =>
        /^s3\.(new|carried_over|granted|results_total|carried_forward)\./.test(cellId),
      ),
    ).toEqual(granted);
    expect(report.importReview!.notes.find((note) => note.cellIds.includes(granted[0]!))!.message).toContain(
      "1/2/10/0/0/0/13 或 12/1/0/0/0/0/13",
    );
  });

  it("flags a run-together 表二 row that splits several ways, and keeps one that splits only one way", async () => {
    const text = [
      "某县人民政府2024年政府信息公开工作年度报告",
      "二、主动公开政府信息情况",
      "第二十条第（一）项",
      "信息内容本年制发件数本年废止件数现行有效件数",
      "规章000",
      "行政规范性文件61296",
      "第二十条第（五）项",
      "信息内容本年处理决定数量",
      "行政许可95133",
      "三、收到和处理政府信息公开申请情况",
    ].join("\n");
    const report = await read(encode(text), "page.txt");
    const cell = (rowKey: string, columnKey: string) => activeDisclosureCellId(rowKey, columnKey);
    expect(
      [cell("regulations", "issued"), cell("regulations", "repealed"), cell("regulations", "in_force")].map(
        (id) => report.ledger[id],
      ),
    ).toEqual([0, 0, 0]);
    expect(report.ledger[cell("licensing", "decisions")]).toBe(95133);
    const normative = ["issued", "repealed", "in_force"].map((column) => cell("normative_documents", column));
    expect(normative.map((id) => report.ledger[id] ?? null)).toEqual([null, null, null]);
    expect(report.importReview!.unconfirmedCellIds).toEqual(expect.arrayContaining(normative));
    expect(report.importReview!.notes.find((note) => note.cellIds.includes(normative[0]!))!.message).toContain("6/12/96");
  });

  it("finds labels misprinted, missing a character, mangled by OCR, or written 1、 for 1.", async () => {
    const report = await read(
      encode(
        withApplications([
          "一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3",
          "三、本年度办理结果\t(一) 予以公开\t1\t0\t0\t0\t0\t0\t1",
          "（三）不予公开\t1、属于国家秘密\t1\t0\t0\t0\t0\t0\t1",
          "\t2.其他法律行政法规禁公开\t0\t0\t0\t0\t0\t0\t0",
          "（五）不予处理\t5.要求行政机关确认或重新出具己获取信息\t1\t0\t0\t0\t0\t0\t1",
          "(七) 总计\t3\t0\t0\t0\t0\t0\t3",
          "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0",
        ]),
      ),
      "page.txt",
    );
    expect(row(report, "granted")).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(row(report, "withheld.state_secret")).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(row(report, "withheld.prohibited_by_law")).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(row(report, "not_processed.confirm_or_reissue")).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(row(report, "results_total")).toEqual([3, 0, 0, 0, 0, 0, 3]);
  });

  it("reads labels broken one character per line in a PDF's text layer, figures space-separated", () => {
    const text = readFileSync(path.join(process.cwd(), "fixtures", "import", "real", "section3-text-layer.txt"), "utf8");
    const table = readApplications(text, false);
    const figures = (key: string) => applicantColumns.map((column) => table.cells.get(applicationsCellId(key, column.key)));
    expect(figures("new")).toEqual([3001, 53, 0, 0, 61, 4, 3119]);
    expect(figures("granted")).toEqual([1288, 21, 0, 0, 50, 3, 1362]);
    expect(figures("partially_granted")).toEqual([447, 7, 0, 0, 0, 0, 454]);
    expect(figures("withheld.state_secret")).toEqual([2, 0, 0, 0, 0, 0, 2]);
    expect(figures("withheld.administrative_query")).toEqual([105, 0, 0, 0, 0, 0, 105]);
    expect(figures("unavailable.not_held")).toEqual([746, 12, 0, 0, 10, 1, 769]);
    // The page ends inside the table: the rest is named as not found and listed as unread, never made up.
    const missing = table.notes.find((note) => note.kind === "missing")!.cellIds;
    expect(table.unconfirmed.filter((cellId) => !missing.includes(cellId))).toEqual([]);
    expect(figures("results_total")).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(table.notes.find((note) => note.kind === "missing")!.message).toContain("未找到");
  });

  it("reads markdown whose labels and figure rows were written apart, some labels lost", async () => {
    const { entry } = seedFile("001");
    const report = await read(encode(labelsApartMarkdown(seedReport(entry, { withNarrative: true }), 3)), "apart.md");
    expectSeedFigures(report, "001");
  });

  it("reads OCR markdown with junk and borrowed column headers, “-” filling header blocks and （六）其他 for （六）其他处理", async () => {
    const fixture = realFixture("shuyang-county-2025-ocr.md");
    const report = await read(readFileSync(path.join(process.cwd(), "fixtures", "import", "real", fixture.file)), fixture.file);
    for (const [cellId, value] of Object.entries(fixture.cells)) expect([cellId, report.ledger[cellId]]).toEqual([cellId, value]);
    expect(reviews(report)).toEqual([27, 10, 9, 15, 61, 3, 0, 0, 0, 3, 8, 0, 1, 1, 10]);
    expect(report.info.issuedOn).toBe("2026-01-23");
  });

  it("reads the 2019 format, says so, puts （六）其他处理 under 3.其他 and leaves blank what the sums leave open", async () => {
    const fixture = realFixture("shanghai-2019-municipal-office.html");
    const report = await read(readFileSync(path.join(process.cwd(), "fixtures", "import", "real", fixture.file)), fixture.file);
    expect(report.importReview!.detectedFormat).toBe("2019");
    for (const [cellId, value] of Object.entries(fixture.cells)) {
      expect([cellId, deriveLedger(report.ledger).effective[cellId]]).toEqual([cellId, value]);
    }
    expect(report.importReview!.unconfirmedCellIds).toEqual(expect.arrayContaining(fixture.unconfirmed));
    const messages = report.importReview!.notes.map((note) => note.message).join("\n");
    expect(messages).toContain("2019 年格式");
    expect(messages).toContain("3.其他");
    // 科研机构 and 社会公益组织 are blank everywhere with no printed total: kept blank.
    expect(report.ledger[applicationsCellId("granted", "research_institution")]).toBeNull();
  });

  it("reads a CMS page with its chrome, Word-exported markup split into spans, and a 落款 with its date", async () => {
    const fixture = realFixture("shuyang-development-reform-2023.html");
    const report = await read(readFileSync(path.join(process.cwd(), "fixtures", "import", "real", fixture.file)), fixture.file);
    expect(report.info.agencyName).toBe(fixture.agencyName);
    expect(report.info.year).toBe(fixture.year);
    expect(report.info.issuedOn).toBe(fixture.issuedOn);
    for (const [cellId, value] of Object.entries(fixture.cells)) {
      expect([cellId, deriveLedger(report.ledger).effective[cellId]]).toEqual([cellId, value]);
    }
    expect(report.narrative.other_matters.body).toBe("2023年度，县发展和改革局政府信息公开未发生收费情况。");
  });

  it("reads tables renumbered 一/二/三 after all the narrative, page chrome, annotations in cells and 表四 run together", async () => {
    const { entry } = seedFile("001");
    const source = seedReport(entry, { withNarrative: true });
    const figures = (key: string) =>
      applicantColumns.map((column) => String(source.ledger[applicationsCellId(key, column.key)])).join("\t");
    const text = [
      "当前位置：首页 > 政府信息公开 > 政府信息公开年报",
      "湘潭县人民政府2025年政府信息公开工作年度报告",
      "发布时间：2026-01-20",
      "一、总体情况",
      "（一）主动公开",
      "全年发布信息9754篇。",
      "二、存在的主要问题及改进情况",
      "人员队伍不稳定。",
      "三、其他需要报告的事项",
      "无。",
      "附件：",
      "一、主动公开政府信息情况",
      "第二十条第（一）项",
      "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
      "规章\t0\t0\t0",
      "行政规范性文件\t6（其中修订2件）\t12\t96",
      "二、收到和处理政府信息公开申请情况",
      ...applicationRows.map((applicationRow) => `${applicationRow.label}\t${figures(applicationRow.key)}`),
      "三、政府信息公开行政复议、行政诉讼情况",
      "行政复议\t行政诉讼",
      "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉",
      "结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计",
      "3719417772002022900110",
      "附件下载",
      "湘潭县人民政府",
      "2026年1月20日",
    ].join("\n");
    const report = await read(encode(text), "page.txt");
    for (const applicationRow of applicationRows) {
      expect([applicationRow.key, row(report, applicationRow.key)]).toEqual([
        applicationRow.key,
        row(source, applicationRow.key),
      ]);
    }
    // 表四 run together: 复议 is certain; 20/0/2/0/22 and 2/0/0/20/22 both add up, so those cells are flagged.
    expect(reviews(report).slice(0, 5)).toEqual([37, 19, 4, 17, 77]);
    const direct = ["upheld", "other", "pending"].map((key) => reviewsLitigationCellId(`litigation_direct.${key}`));
    expect(report.importReview!.unconfirmedCellIds).toEqual(expect.arrayContaining(direct));
    expect(report.importReview!.notes.find((note) => note.cellIds.includes(direct[0]!))!.message).toContain("20/0/2/0/22");
    expect(report.ledger[activeDisclosureCellId("normative_documents", "issued")]).toBe(6);
    expect(report.importReview!.notes.some((note) => note.kind === "cleaned" && note.message.includes("其中修订2件"))).toBe(true);
    expect(report.narrative.problems.body).toBe("人员队伍不稳定。");
    expect(report.narrative.other_matters.body).toBe("无。");
    expect(report.info.issuedOn).toBe("2026-01-20");
    expect(report.info.agencyName).toBe("湘潭县人民政府");
  });
});

describe("the narrative", () => {
  it("fills the opening as published, 一's sub-headings as topics, 五 and 六, and the agency and year from the title", async () => {
    const report = await read(seedFile("001").bytes, "seed.txt");
    expect(report.info.agencyName).toBe("湘潭县人民政府");
    expect(report.info.year).toBe(2025);
    expect(report.info.openingParagraph).toMatch(/^根据《中华人民共和国政府信息公开条例》（国务院令第711号）规定/);
    expect(report.narrative.overview.topics.map((topic) => topic.title)).toEqual([
      "主动公开提质增效",
      "依申请公开规范有序",
      "政府信息管理精准发力",
      "平台建设夯实底座",
      "监督保障压实落细",
    ]);
    expect(report.narrative.overview.topics[0]!.body).toMatch(/^聚焦高质量发展核心任务/);
    expect(report.narrative.problems.body).toMatch(/^（一）存在问题\n我县政府信息公开工作虽取得一定成效/);
    expect(report.narrative.other_matters.body).toBe("2025年度，湘潭县未收取信息处理费，无其他需报告的事项。");
  });

  it("keeps the title as printed and marks the sections the source lacks or leaves empty, for structure.title and structure.section_empty", async () => {
    const seed001 = await read(seedFile("001").bytes, "seed.txt");
    expect(seed001.info.title).toBe("湘潭县人民政府2025年政府信息公开工作年度报告");
    expect(seed001.importedSections).toEqual({ absent: [], empty: [] });
    // Seed 003 prints 二、三、四 as bare headings; its title names the district without its city.
    const seed003 = await read(seedFile("003").bytes, "seed.txt");
    expect(seed003.info.title).toBe("鹤城区2025年政府信息公开工作年度报告");
    expect(seed003.importedSections).toEqual({ absent: [], empty: ["active_disclosure", "applications", "reviews_litigation"] });
    // Seed 004 has no 四 at all.
    const seed004 = await read(seedFile("004").bytes, "seed.txt");
    expect(seed004.info.title).toBe("2023年湘阴县人民政府信息公开工作年度报告");
    expect(seed004.importedSections).toEqual({ absent: ["reviews_litigation"], empty: [] });
    // Seed 002 opens with its basis sentence: no title to keep.
    expect((await read(seedFile("002").bytes, "seed.txt")).info.title).toBeNull();
  });

  it("takes the agency from the opening when there is no title, and the year from the statistics period (seed 002)", async () => {
    const report = await read(seedFile("002").bytes, "seed.txt");
    expect(report.info.agencyName).toBe("岳阳临港高新技术产业开发区");
    expect(report.info.year).toBe(2025);
    expect(report.narrative.overview.topics.map((topic) => topic.title)).toEqual([
      "主动公开情况",
      "依申请公开情况",
      "政府信息公开平台建设情况",
      "热线、信箱工作公开服务情况",
    ]);
  });
});

describe("refusals", () => {
  it("refuses a file over the size limit, nothing read", async () => {
    const outcome = await importPublishedReport(new Uint8Array(MAX_IMPORT_BYTES + 1), "big.pdf");
    expect(outcome).toMatchObject({ ok: false, reason: "too_large" });
    expect(!outcome.ok && outcome.message).toContain("最大 20 MB");
    expect(!outcome.ok && outcome.message).toBe(tooLargeMessage(MAX_IMPORT_BYTES + 1));
  });

  it("refuses what is not a 年报, quoting how it begins", async () => {
    const outcome = await importPublishedReport(encode("会议通知\n请各单位于本周五前报送材料。"), "notice.txt");
    expect(outcome).toMatchObject({ ok: false, reason: "not_a_report" });
    expect(!outcome.ok && outcome.message).toContain("不是政府信息公开工作年度报告");
    expect(!outcome.ok && outcome.message).toContain("会议通知");
  });

  it("refuses old Word files, images and spreadsheets by their bytes, naming what to do", async () => {
    const doc = await importPublishedReport(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), "report.doc");
    expect(doc).toMatchObject({ ok: false, reason: "unsupported_type" });
    expect(!doc.ok && doc.message).toContain("另存为 .docx");
    const png = await importPublishedReport(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), "scan.png");
    expect(!png.ok && png.message).toContain("扫描件");
  });

  it("refuses a PDF without a text layer as a scan", async () => {
    const pdf = `%PDF-1.4
1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj
2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj
3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>endobj
4 0 obj<</Length 18>>stream
0 0 m 100 100 l S
endstream endobj
trailer<</Root 1 0 R>>
%%EOF`;
    const outcome = await importPublishedReport(encode(pdf), "scan.pdf");
    expect(outcome).toMatchObject({ ok: false, reason: "scanned" });
    expect(!outcome.ok && outcome.message).toContain("没有文字层");
  });
});
