import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { seedLedgerEntries, seedReport } from "@/fixtures/seed-reports";
import { checkReport } from "@/lib/checks/check-report";
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
import { fitNotes, type ImportOptions, importPublishedReport } from "./import-report";

/**
 * Issue 21: any real published report is read, no figure silently wrong, no section lost to
 * page clutter. Each test is one form a real file takes; its figures come from seed 001.
 */

const encode = (text: string) => new TextEncoder().encode(text);

async function read(text: string, fileName = "page.txt", options: ImportOptions = {}): Promise<TReport> {
  const outcome = await importPublishedReport(encode(text), fileName, options);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.report;
}

const seed = seedReport(seedLedgerEntries.find((entry) => entry.seed.startsWith("001"))!, { withNarrative: true });
const figures = (report: TReport, key: string) =>
  applicantColumns.map((column) => report.ledger[applicationsCellId(key, column.key)] ?? null);
const reviews = (report: TReport) =>
  reviewsLitigationColumns.map((column) => report.ledger[reviewsLitigationCellId(column.key)] ?? null);
const tab = (values: readonly (number | string | null | undefined)[]) => values.map((value) => String(value ?? "")).join("\t");

/** Seed 001's 表三 rows, tab-separated, each row's label first. */
const applicationLines = (
  report: TReport,
  print: (key: string, values: string[]) => string = (_key, values) => values.join("\t"),
) =>
  applicationRows.map(
    (row) =>
      `${row.label}\t${print(
        row.key,
        figures(report, row.key).map((value) => String(value)),
      )}`,
  );
const reviewsLine = (report: TReport) => tab(reviews(report));

/** Seed 001 as a page: its figures, its text cut short. */
function page(parts: { before?: string[]; title?: string[]; sections?: Partial<Record<string, string[]>>; after?: string[] }) {
  const sections = parts.sections ?? {};
  return [
    ...(parts.before ?? []),
    ...(parts.title ?? ["湘潭县人民政府2025年政府信息公开工作年度报告"]),
    ...(sections.opening ?? ["根据《中华人民共和国政府信息公开条例》编制本报告。"]),
    ...(sections.overview ?? ["一、总体情况", "2025年，全县依法推进政务公开。"]),
    ...(sections.s2 ?? ["二、主动公开政府信息情况", "第二十条第（一）项", "规章\t0\t0\t0", "行政规范性文件\t6\t12\t96"]),
    ...(sections.s3 ?? ["三、收到和处理政府信息公开申请情况", ...applicationLines(seed)]),
    ...(sections.s4 ?? [
      "四、政府信息公开行政复议、行政诉讼情况",
      "行政复议\t行政诉讼",
      "结果维持\t结果纠正\t其他结果\t尚未审结\t总计",
      reviewsLine(seed),
    ]),
    ...(sections.problems ?? ["五、存在的主要问题及改进情况", "人员队伍不稳定。"]),
    ...(sections.other ?? ["六、其他需要报告的事项", "本年度未收取信息处理费。"]),
    ...(parts.after ?? ["湘潭县人民政府", "2026年1月20日"]),
  ].join("\n");
}

const expectSeedApplications = (report: TReport) => {
  for (const row of applicationRows) expect([row.key, figures(report, row.key)]).toEqual([row.key, figures(seed, row.key)]);
};

describe("page clutter around the report", () => {
  it("reads a crawled page that starts with the site's navigation, share and font-size tools before the title, and ends with its footer", async () => {
    const report = await read(
      page({
        before: ["位置：首页 > 政务公开 > 政府信息公开年报", "微信 微博 QQ空间", "字体 大 中 小", "打印 关闭"],
        after: [
          "湘潭县人民政府",
          "2026年1月20日",
          "字体：【大 中 小】 分享到 打印 关闭",
          "主办单位：湘潭县人民政府办公室 湘ICP备05003005号",
        ],
      }),
    );
    expect(report.info.agencyName).toBe("湘潭县人民政府");
    expect(report.info.year).toBe(2025);
    expect(report.info.issuedOn).toBe("2026-01-20");
    expect(report.narrative.other_matters.body).toBe("本年度未收取信息处理费。");
    expectSeedApplications(report);
  });

  it("knows furniture by its shape, not by one site's words: other menus, metadata and footers", async () => {
    const report = await read(
      page({
        before: [
          "网站首页 | 走进本县 | 政务公开 | 办事服务",
          "首页 >> 信息公开 >> 年度报告",
          "发布日期：2026-01-21 信息来源：县政府办 阅读次数：1200",
        ],
        after: [
          "湘潭县人民政府",
          "2026年1月20日",
          "【打印本页】 【关闭窗口】",
          "版权所有：湘潭县人民政府 技术支持：某科技公司",
          "网站地图 | 联系我们",
        ],
      }),
    );
    expect(report.info.title).toBe("湘潭县人民政府2025年政府信息公开工作年度报告");
    expect(report.info.openingParagraph).toBe("根据《中华人民共和国政府信息公开条例》编制本报告。");
    expect(report.narrative.other_matters.body).toBe("本年度未收取信息处理费。");
  });

  it("takes no navigation line for the agency above a title that starts with the year: the 落款 names it", async () => {
    const report = await read(
      page({ before: ["首页 一网通办 政务公开 公共服务", "首页 > 政务公开"], title: ["2025年政府信息公开工作年度报告"] }),
    );
    expect(report.info.agencyName).toBe("湘潭县人民政府");
  });

  it("drops page numbers (“- 1 -”, “— 2 —”) and joins the lines of a paragraph broken at the printed line's end", async () => {
    const report = await read(
      page({
        sections: {
          overview: [
            "一、总体情况",
            "　　2025年，全县坚持以习近平新时代中国特色社会主义思想为指导，",
            "深入贯彻落实党的二十大精神，持续推进政务公开工作。",
            "- 1 -",
            "（一）主动公开提质增效",
            "　　依托县政府门户网站累计发布各类信息9754篇。",
            "— 2 —",
          ],
        },
      }),
    );
    expect(report.narrative.overview.intro).toBe(
      "2025年，全县坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实党的二十大精神，持续推进政务公开工作。",
    );
    expect(report.narrative.overview.topics.map((topic) => [topic.title, topic.body])).toEqual([
      ["主动公开提质增效", "依托县政府门户网站累计发布各类信息9754篇。"],
    ]);
  });
});

describe("the title and the year", () => {
  it("reads a title broken over two lines (“…政府信息” / “公开工作年度报告”)", async () => {
    const report = await read(page({ title: ["湘潭县人民政府2025年政府信息", "公开工作年度报告"] }));
    expect(report.info.agencyName).toBe("湘潭县人民政府");
    expect(report.info.year).toBe(2025);
    expect(report.info.openingParagraph).toBe("根据《中华人民共和国政府信息公开条例》编制本报告。");
  });

  it("takes the year from the 落款, then the file name, then the year given on import; refuses only when none has it", async () => {
    const untitled = (after: string[]) =>
      page({ title: ["湘潭县人民政府政府信息公开工作年度报告"], sections: { opening: [] }, after });
    expect((await read(untitled(["湘潭县人民政府", "2026年1月20日"]))).info.year).toBe(2025);
    expect((await read(untitled([]), "湘潭县2024年报.txt")).info.year).toBe(2024);
    const given = await read(untitled([]), "report.txt", { year: 2023 });
    expect(given.info.year).toBe(2023);
    expect(given.importReview!.notes.map((note) => note.message)).toContain("文件中没有写明年度，按导入时给出的 2023 年");
    const refused = await importPublishedReport(encode(untitled([])), "report.txt");
    expect(refused).toMatchObject({ ok: false, reason: "no_year" });
    expect(!refused.ok && refused.message).toContain("--year");
  });
});

describe("tables found by their content", () => {
  it("reads tables numbered 一/二/三 after the narrative, and 表三 under a heading numbered 二", async () => {
    const report = await read(
      page({
        sections: {
          overview: [
            "一、总体情况",
            "2025年，全县依法推进政务公开。",
            "二、工作机制保障",
            "三、主动公开工作情况",
            "四、政府信息公开申请情况",
            "全年收到申请。",
          ],
          s2: ["一、主动公开政府信息情况", "规章\t0\t0\t0", "行政规范性文件\t6\t12\t96"],
          s3: ["二、收到和处理政府信息公开申请情况", ...applicationLines(seed)],
          s4: ["三、政府信息公开行政复议、行政诉讼情况", "结果维持 结果纠正 其他结果 尚未审结 总计", reviewsLine(seed)],
          problems: ["（一）主要问题", "人员队伍不稳定。"],
        },
      }),
    );
    expectSeedApplications(report);
    expect(reviews(report)).toEqual(reviews(seed));
    expect(report.ledger[activeDisclosureCellId("normative_documents", "in_force")]).toBe(96);
    // 五's heading was lost: its text, after 表四, is 五's all the same.
    expect(report.narrative.problems.body).toBe("（一）主要问题\n人员队伍不稳定。");
    expect(report.narrative.overview.intro).toContain("四、政府信息公开申请情况");
  });

  it("reads 表四 printed as fifteen bare figures without its header, by the totals of its three groups", async () => {
    const report = await read(
      page({ sections: { s4: ["四、政府信息公开行政复议、行政诉讼情况", reviewsLine(seed).replace(/\t/g, " ")] } }),
    );
    expect(reviews(report)).toEqual(reviews(seed));
    // Fifteen figures whose groups do not add up are no 表四.
    const wrong = await read(
      page({ sections: { s4: ["四、政府信息公开行政复议、行政诉讼情况", "1 2 3 4 5 6 7 8 9 10 11 12 13 14 15"] } }),
    );
    expect(reviews(wrong).every((value) => value === null)).toBe(true);
  });

  it("reads a label wrapped over three lines by OCR with its figures apart, a misprinted label and 规范性文件 without 行政, by the rows around them", async () => {
    const lines = applicationLines(seed, (key, values) => {
      const joined = values.join(" | ");
      if (key === "other.no_correction") return `| ${joined} |`;
      return joined;
    });
    const noCorrection = applicationRows.findIndex((row) => row.key === "other.no_correction");
    // OCR: the long label of 1.逾期不补正 printed in three pieces above the rows, its figures alone on a line.
    lines[noCorrection] = `| ${figures(seed, "other.no_correction").join(" | ")} |`;
    lines.splice(noCorrection - 3, 0, "1.申请人无正当理由逾", "期不补正、行政机关不", "再处理其政府信息公开申请");
    const prohibited = lines.findIndex((line) => line.startsWith("2.其他法律"));
    lines[prohibited] = lines[prohibited]!.replace("2.其他法律行政法规禁止公开", "2.其他法律行政止公开");
    const report = await read(
      page({
        sections: {
          s2: ["二、主动公开政府信息情况", "规章\t0\t0\t0", "规范性文件\t6\t12\t96"],
          s3: ["三、收到和处理政府信息公开申请情况", ...lines],
        },
      }),
    );
    expectSeedApplications(report);
    expect(report.importReview!.unconfirmedCellIds.filter((cellId) => cellId.startsWith("s3."))).toEqual([]);
    expect(report.ledger[activeDisclosureCellId("normative_documents", "issued")]).toBe(6);
  });
});

/** 表三 with 一 and （一） run together: “121000013” reads 12/1/0/0/0/0/13 or 1/2/10/0/0/0/13, both adding up. */
const twoWays = [
  "三、收到和处理政府信息公开申请情况",
  "一、本年新收政府信息公开申请数量121000013",
  "二、上年结转政府信息公开申请数量0000000",
  "三、本年度办理结果（一）予以公开121000013",
  "四、结转下年度继续办理0000000",
];

describe("figures run together", () => {
  /** 表三 printed as text with some cells joined: “2 0 0 0 0 0 2” as “20 0 0 0 02”. */
  const joinedRow = (key: string, values: string[]) => {
    if (key !== "granted") return values.join(" ");
    return `${values[0]}${values[1]} ${values.slice(2, 5).join(" ")} ${values[5]}${values[6]}`;
  };

  it("takes a split only when it is the one reading under which the whole table adds up", async () => {
    const report = await read(
      page({ sections: { s3: ["三、收到和处理政府信息公开申请情况", ...applicationLines(seed, joinedRow)] } }),
    );
    const want = figures(seed, "granted");
    const got = figures(report, "granted");
    const flagged = new Set(report.importReview!.unconfirmedCellIds);
    // Each cell is read right, or flagged 请核对 with its readings: never a wrong figure taken silently.
    applicantColumns.forEach((column, index) => {
      const cellId = applicationsCellId("granted", column.key);
      if (!flagged.has(cellId)) expect([cellId, got[index]]).toEqual([cellId, want[index]]);
    });
    expect(deriveLedger(report.ledger).effective[applicationsCellId("results_total", "total")]).toBe(
      deriveLedger(seed.ledger).effective[applicationsCellId("results_total", "total")],
    );
  });

  it("flags a row that reads several ways with every reading in the note, and leaves unread (each cell named) a row no reading of which adds up", async () => {
    const text = page({
      sections: {
        s3: twoWays,
      },
    });
    const report = await read(text);
    const granted = applicantColumns.map((column) => applicationsCellId("granted", column.key));
    const note = report.importReview!.notes.find((candidate) => candidate.cellIds.includes(granted[0]!))!;
    expect(note.kind).toBe("ambiguous");
    expect(note.message).toMatch(
      /12\/1\/0\/0\/0\/0\/13 或 1\/2\/10\/0\/0\/0\/13|1\/2\/10\/0\/0\/0\/13 或 12\/1\/0\/0\/0\/0\/13/u,
    );

    // The printed （七）总计 says 5: neither reading of 一 adds up, so nothing is taken and each cell is named.
    const broken = await read(
      text.replace("四、结转下年度继续办理0000000", "（七）总计\t5\t0\t0\t0\t0\t0\t5\n四、结转下年度继续办理0000000"),
    );
    const newRow = applicantColumns.map((column) => applicationsCellId("new", column.key));
    const unread = newRow.filter((cellId) => broken.ledger[cellId] === undefined);
    expect(unread.length).toBeGreaterThan(0);
    for (const cellId of unread) expect(broken.importReview!.unconfirmedCellIds).toContain(cellId);
    const unreadNote = broken.importReview!.notes.find((candidate) => candidate.cellIds.includes(unread[0]!))!;
    expect(unreadNote.kind).toBe("unreadable");
    expect(unreadNote.message).toContain("在任何读法下都对不上");
  });
});

describe("notes and check", () => {
  it("shortens a note over the schema's limit and keeps every cell it names; one long note no longer breaks the import", async () => {
    const long = "全年依法依规推进政务公开各项工作并持续优化办理流程".repeat(60);
    const report = await read(
      page({
        sections: {
          s2: [
            "二、主动公开政府信息情况",
            "规章\t0\t0\t0",
            `${long} 12 件`,
            `${long} 13 件`,
            `${long} 14 件`,
            "行政规范性文件\t6\t12\t96",
          ],
        },
      }),
    );
    for (const note of report.importReview!.notes) expect(note.message.length).toBeLessThanOrEqual(2000);
    const [fitted] = fitNotes([{ kind: "unreadable", cellIds: ["s3.new.total"], message: "很长".repeat(2000) }]);
    expect(fitted!.message.length).toBe(2000);
    expect(fitted!.message).toContain("已截短");
    expect(fitted!.cellIds).toEqual(["s3.new.total"]);
  });

  it("makes a sum or a contradiction that rests on an unread or unconfirmed cell a warning naming the cell it waits for", async () => {
    // “121000013” reads 12/1/… or 1/2/10/…: 自然人 12 or 1, flagged. The text says 12 自然人 — no contradiction may be raised on it.
    const text = page({
      sections: {
        overview: ["一、总体情况", "全年新收政府信息公开申请13件，其中自然人申请12件。"],
        s3: twoWays,
      },
    });
    const report = await read(text);
    const unsure = new Set(report.importReview!.unconfirmedCellIds);
    expect(unsure.has(applicationsCellId("new", "natural_person"))).toBe(true);
    const results = checkReport(report);
    const figureRules = ["s3.balance", "s3.results_total", "s3.row_total", "narrative.figure_mismatch"];
    const resting = results.filter(
      (result) => figureRules.includes(result.ruleId) && result.cellIds.some((cellId) => unsure.has(cellId)),
    );
    expect(resting.map((result) => [result.ruleId, result.message])).toEqual([]);
    const pending = results.filter((result) => result.ruleId === "import.pending");
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((result) => result.severity === "warning")).toBe(true);
    const messages = pending.map((result) => result.message).join("\n");
    expect(messages).toMatch(/“文字所述数字与表格一致”的检查待核对 表三「一、本年新收」行 自然人列 后再判断/u);
  });
});

describe("a real file with all of it", () => {
  it("reads the OCR'd 2024 report of 上海市科委: chrome, tables renumbered after the narrative, labels scattered, 五's heading lost", async () => {
    const file = path.join(process.cwd(), "fixtures", "import", "real", "shanghai-stcsm-2024-ocr.md");
    const report = await read(readFileSync(file, "utf8"), "shanghai-stcsm-2024-ocr.md");
    expect(report.info.agencyName).toBe("上海市科委");
    expect(report.importReview!.unconfirmedCellIds).toEqual([]);
    expect(figures(report, "other.no_correction")).toEqual([8, 2, 0, 0, 0, 0, 10]);
    expect(figures(report, "unavailable.needs_creation")).toEqual([6, 0, 0, 0, 0, 0, 6]);
    expect(reviews(report)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(report.narrative.problems.body.startsWith("（一）主要问题")).toBe(true);
    expect(report.narrative.other_matters.body).toBe("本年度信息公开处理费收费情况\n2024 年，市科委未发生政府信息公开收费事项。");
  });
});
