import { copyFile, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { applicationsCellId } from "@/lib/format";
import { parseReport } from "@/lib/report/parse-report";
import { EXIT_OK, EXIT_UNREADABLE, runImport } from "./import-command";

let folder = "";
const file = (name: string) => path.join(folder, name);

async function run(args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runImport(args, { stdout: (text) => stdout.push(text), stderr: (text) => stderr.push(text) });
  return { code, stdout: stdout.join("\n"), stderr: stderr.join("\n") };
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "nianbao-import-"));
  await copyFile(path.join(process.cwd(), "fixtures", "seeds", "001_7082bf4ff2eed00e.txt"), file("xiangtan.txt"));
  await copyFile(
    path.join(process.cwd(), "fixtures", "import", "real", "shanghai-2019-municipal-office.html"),
    file("shanghai.html"),
  );
  await writeFile(file("photo.jpg"), new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]));
  // A page whose 表二 stands among long sentences with figures: its note on them runs past the schema's 2,000 characters.
  const sentence = "全年依法依规推进政务公开各项工作并持续优化办理流程".repeat(60);
  await writeFile(
    file("long-notes.txt"),
    [
      "某县人民政府2024年政府信息公开工作年度报告",
      "一、总体情况",
      "全年依法推进政务公开。",
      "二、主动公开政府信息情况",
      "规章\t0\t0\t0",
      `${sentence} 12 件`,
      `${sentence} 13 件`,
      `${sentence} 14 件`,
      "行政规范性文件\t6\t12\t96",
      "五、存在的主要问题及改进情况",
      "人员不足。",
    ].join("\n"),
  );
  await writeFile(
    file("no-year.txt"),
    "某县人民政府政府信息公开工作年度报告\n一、总体情况\n全年依法推进政务公开。\n五、存在的主要问题及改进情况\n无。",
  );
});

describe("import command", () => {
  it("prints one file's report JSON, a report the schema accepts, figures as printed", async () => {
    const result = await run([file("xiangtan.txt")]);
    expect(result.code).toBe(EXIT_OK);
    const parsed = parseReport(JSON.parse(result.stdout));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.report.info.agencyName).toBe("湘潭县人民政府");
    expect(parsed.report.ledger[applicationsCellId("new", "natural_person")]).toBe(174);
    expect(parsed.report.ledger[applicationsCellId("results_total", "total")]).toBe(173);
    expect(parsed.report.importReview!.source).toEqual({ fileName: "xiangtan.txt", fileType: "text" });
  });

  it("prints an array of { file, report, notes } in order with --json, exit 2 naming the file it could not read", async () => {
    const result = await run(["--json", file("shanghai.html"), file("photo.jpg"), file("xiangtan.txt"), file("missing.pdf")]);
    expect(result.code).toBe(EXIT_UNREADABLE);
    const items = JSON.parse(result.stdout) as {
      file: string;
      report: { importReview: { detectedFormat: string } };
      notes: { kind: string }[];
    }[];
    expect(items.map((item) => path.basename(item.file))).toEqual(["shanghai.html", "xiangtan.txt"]);
    expect(items[0]!.report.importReview.detectedFormat).toBe("2019");
    expect(items[0]!.notes.some((note) => note.kind === "format")).toBe(true);
    expect(result.stderr).toContain(`${file("photo.jpg")}：这是图片（扫描件）`);
    expect(result.stderr).toContain(`${file("missing.pdf")}：文件不存在`);
  });

  it("never lets one file's long note break the batch: the note is shortened, every file is read", async () => {
    const result = await run(["--json", file("long-notes.txt"), file("xiangtan.txt")]);
    expect(result.code).toBe(EXIT_OK);
    const items = JSON.parse(result.stdout) as { file: string; notes: { message: string }[] }[];
    expect(items.map((item) => path.basename(item.file))).toEqual(["long-notes.txt", "xiangtan.txt"]);
    const longest = Math.max(...items[0]!.notes.map((note) => note.message.length));
    expect(longest).toBeLessThanOrEqual(2000);
    expect(items[0]!.notes.some((note) => note.message.includes("已截短"))).toBe(true);
  });

  it("uses --year for a file that prints no year, and says why it cannot read one without", async () => {
    const without = await run([file("no-year.txt")]);
    expect(without.code).toBe(EXIT_UNREADABLE);
    expect(without.stderr).toContain("无法确定报告年度");
    expect(without.stderr).toContain("--year");
    const given = await run(["--year", "２０２４", file("no-year.txt")]);
    expect(given.code).toBe(EXIT_OK);
    expect(JSON.parse(given.stdout).info.year).toBe(2024);
    expect((await run(["--year=1999", file("no-year.txt")])).stderr).toContain("年度“1999”不对");
  });

  it("asks for --json with several files, and refuses unknown options", async () => {
    expect((await run([file("xiangtan.txt"), file("shanghai.html")])).stderr).toContain("导入多个文件时请加 --json");
    expect((await run(["--pdf", file("xiangtan.txt")])).code).toBe(EXIT_UNREADABLE);
  });
});
