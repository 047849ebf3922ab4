import { copyFile, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { publishedSeedReports, seedReports } from "@/fixtures/seed-reports";
import { applicationsCellId } from "@/lib/format";
import { startFromLastYear } from "@/lib/report/carry-forward";
import { EXIT_OK, EXIT_RULE_ERRORS, EXIT_UNREADABLE, runCheck } from "./check-command";

let folder = "";
const file = (name: string) => path.join(folder, name);

async function run(args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCheck(args, { stdout: (text) => stdout.push(text), stderr: (text) => stderr.push(text) });
  return { code, stdout: stdout.join("\n"), stderr: stderr.join("\n") };
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "nianbao-check-"));
  // The seeds as published, narrative included: a report without its text is incomplete (structure.section_empty).
  for (const { entry, report } of publishedSeedReports()) {
    await writeFile(file(`seed-${entry.seed.slice(0, 3)}.json`), JSON.stringify(report));
  }
  await writeFile(file("broken.json"), "{ not json");
  const wrongShape = { ...seedReports()[1]!.report, ledger: { "s3.new.natural_person": "abc" } };
  await writeFile(file("wrong-shape.json"), JSON.stringify(wrongShape));
  for (const seed of ["001_7082bf4ff2eed00e.txt", "003_3c908ae0293fd308.txt"]) {
    await copyFile(path.join(process.cwd(), "fixtures", "seeds", seed), file(`published-${seed.slice(0, 3)}.txt`));
  }
  await writeFile(file("published-error.txt"), publishedWithError);
  await writeFile(file("notice.txt"), "会议通知\n请各单位于本周五前报送材料。");
});

/** A published 表三 whose stated 总计 disagrees with its parts (3 + 1 ≠ 5), and one figure run together two ways. */
const publishedWithError = [
  "某县人民政府2024年政府信息公开工作年度报告",
  "一、总体情况",
  "三、收到和处理政府信息公开申请情况",
  "一、本年新收政府信息公开申请数量\t3\t1\t0\t0\t0\t0\t5",
  "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0",
  "三、本年度办理结果\t（一）予以公开\t121000013",
  "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0",
].join("\n");

describe("check command", () => {
  it("passes the three complete, balanced seeds with exit code 0", async () => {
    const result = await run(["000", "001", "002"].map((seed) => file(`seed-${seed}.json`)));
    expect(result.code).toBe(EXIT_OK);
    expect(result.stdout).toContain("共 3 个文件：3 个通过，0 个有错误，0 个无法检查");
    expect(result.stdout).not.toContain("错误 [");
  });

  it("prints seed 003's balance errors in Chinese and exits 1", async () => {
    const result = await run([file("seed-003.json")]);
    expect(result.code).toBe(EXIT_RULE_ERRORS);
    const errorLines = result.stdout.split("\n").filter((line) => line.trim().startsWith("错误"));
    // Two balance errors and its 表二, which the published report lacks.
    expect(errorLines).toHaveLength(3);
    expect(errorLines[2]).toContain("错误 [ledger.blank] 表二有 10 个空白单元格");
    expect(result.stdout).toContain(
      "错误 [s3.balance] 表三 总计列：一、本年新收（101）+ 二、上年结转（1）= 102，不等于 三（七）总计（100）+ 四、结转下年度（1）= 101，相差 1",
    );
  });

  it("prints a JSON array of result objects with --json", async () => {
    const result = await run(["--json", file("seed-003.json"), file("seed-001.json")]);
    const parsed = JSON.parse(result.stdout) as { file: string; ruleId: string; severity: string; expected: number }[];
    const errors = parsed.filter((item) => item.severity === "error");
    expect(errors.map((item) => [path.basename(item.file), item.ruleId, item.expected])).toEqual([
      ["seed-003.json", "s3.balance", 1],
      ["seed-003.json", "s3.balance", 102],
      ["seed-003.json", "ledger.blank", null],
    ]);
    expect(result.code).toBe(EXIT_RULE_ERRORS);
  });

  it("gives each text finding its place in the report with --json (seed 004's 失效12件)", async () => {
    const result = await run(["--json", file("seed-004.json")]);
    const parsed = JSON.parse(result.stdout) as { ruleId: string; location?: Record<string, unknown> }[];
    expect(parsed.find((item) => item.ruleId === "narrative.figure_mismatch")?.location).toMatchObject({
      field: "narrative.overview.topics.0.body",
      sectionId: "overview",
      figureId: "s2.normative_documents.repealed",
    });
    const text = await run([file("seed-004.json")]);
    expect(text.stdout).toContain(
      "警告 [narrative.figure_mismatch] 一、总体情况（一）主动公开情况：“2023年全县共制发规范性文件12件，失效12件",
    );
  });

  it("names an unreadable file and the first schema problem, checks the rest, exits 2", async () => {
    const result = await run([file("missing.json"), file("broken.json"), file("wrong-shape.json"), file("seed-003.json")]);
    expect(result.code).toBe(EXIT_UNREADABLE);
    expect(result.stderr).toContain(`${file("missing.json")}：文件不存在`);
    expect(result.stderr).toContain(`${file("broken.json")}：不是有效的 JSON`);
    expect(result.stderr).toContain(
      `${file("wrong-shape.json")}：不符合报告格式：表三「一、本年新收」行 自然人列（s3.new.natural_person）`,
    );
    expect(result.stdout).toContain("seed-003.json：3 个错误");
  });

  it("applies the cross-year rule to one agency's consecutive years", async () => {
    const previous = seedReports()[1]!.report;
    const next = startFromLastYear(previous);
    next.ledger[applicationsCellId("carried_over", "natural_person")] = 8;
    await writeFile(file("next-year.json"), JSON.stringify(next));
    const result = await run([file("seed-001.json"), file("next-year.json")]);
    expect(result.stdout).toContain("错误 [cross_year.carried_over] 表三 自然人列 跨年度衔接：二、上年结转（8）");
    expect(result.code).toBe(EXIT_RULE_ERRORS);
  });

  it("imports published files and checks them: a stated total that disagrees with its parts is an error", async () => {
    const result = await run([file("published-001.txt"), file("published-error.txt")]);
    expect(result.code).toBe(EXIT_RULE_ERRORS);
    // Seed 001 as published passes; its one warning is that 六 does not state the fee notices behind 14 逾期未缴费.
    expect(result.stdout).toContain(`${file("published-001.txt")}：0 个错误，1 个警告，通过`);
    expect(result.stdout).toContain("警告 [s6.fee_notices]");
    expect(result.stdout).toContain(
      "错误 [s3.row_total] 表三 「一、本年新收」行：自然人（3）+ 商业企业（1）+ 科研机构（0）+ 社会公益组织（0）+ 法律服务机构（0）+ 其他（0）= 4，不等于 总计（5），相差 1",
    );
    expect(result.stdout).toContain("错误 [import.unconfirmed] 表三「（一）予以公开」行 自然人列：导入的数字请核对后确认");
    // No reading of “121000013” adds up with the rest: it is left unread, never guessed.
    expect(result.stdout).toContain("导入说明 [unreadable] 表三「（一）予以公开」行印出的“121000013”");
    // The sums that rest on those unread cells wait for them: a warning naming them, no error.
    expect(result.stdout).toMatch(/警告 \[import\.pending\] “表三勾稽关系”的检查待核对 表三「（一）予以公开」行 自然人列/u);
    expect(result.stdout).not.toContain("错误 [s3.balance] 表三 自然人列");
  });

  it("takes --year for published files that print none, and checks the rest of a batch when one file cannot be read", async () => {
    await writeFile(file("no-year.txt"), publishedWithError.replace("2024年", ""));
    const without = await run([file("no-year.txt"), file("published-001.txt")]);
    expect(without.code).toBe(EXIT_UNREADABLE);
    expect(without.stderr).toContain(`${file("no-year.txt")}：无法确定报告年度`);
    expect(without.stdout).toContain(`${file("published-001.txt")}：0 个错误`);
    const given = await run(["--json", "--year", "2024", file("no-year.txt")]);
    const items = JSON.parse(given.stdout) as { file: string; note?: { message: string } }[];
    expect(items.some((item) => item.note?.message === "文件中没有写明年度，按导入时给出的 2024 年")).toBe(true);
    expect((await run(["--year", "24", file("no-year.txt")])).stderr).toContain("年度“24”不对");
  });

  it("carries the import notes in --json, and says so when a published report has no tables", async () => {
    const result = await run(["--json", file("published-003.txt")]);
    const parsed = JSON.parse(result.stdout) as (
      | { file: string; ruleId?: string }
      | { file: string; note: { kind: string; message: string } }
    )[];
    const notes = parsed.flatMap((item) => ("note" in item ? [item.note] : []));
    expect(notes.find((note) => note.kind === "narrative_only")!.message).toContain("没有印出统计表");
    expect(parsed.filter((item) => "ruleId" in item).every((item) => item.file === file("published-003.txt"))).toBe(true);
  });

  it("names a published file that is not a report, and checks the others", async () => {
    const result = await run([file("notice.txt"), file("published-001.txt")]);
    expect(result.code).toBe(EXIT_UNREADABLE);
    expect(result.stderr).toContain(`${file("notice.txt")}：不是政府信息公开工作年度报告`);
    expect(result.stdout).toContain(`${file("published-001.txt")}：0 个错误`);
  });

  it("refuses a call without files or with an unknown option", async () => {
    expect((await run([])).code).toBe(EXIT_UNREADABLE);
    const unknown = await run(["--xml", file("seed-001.json")]);
    expect(unknown.code).toBe(EXIT_UNREADABLE);
    expect(unknown.stderr).toContain("不认识的选项“--xml”");
  });
});
