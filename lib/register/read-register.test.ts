import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { applicationsCellId } from "@/lib/format";
import { countApplications } from "./count-applications";
import { RegisterReadError, readPastedRegister, readRegisterFile, registerRows } from "./read-register";
import { applicationRegisterFields, guessColumns, reviewRegisterFields } from "./register-columns";
import { guessApplicantKind, guessResultRow, normaliseWord } from "./register-words";

const header = ["序号", "收到申请日期", "申请人", "申请内容", "答复日期", "办理结果", "备注"];
const cases = [
  [1, new Date(Date.UTC(2024, 11, 20)), "张三（个人）", "某路段规划", new Date(Date.UTC(2025, 0, 8)), "同意公开", ""],
  [2, new Date(Date.UTC(2025, 2, 3)), "某某科技有限公司", "招标文件", new Date(Date.UTC(2025, 2, 20)), "部分公开", ""],
  [3, new Date(Date.UTC(2025, 11, 29)), "李四（个人）", "补偿标准", null, "办理中", ""],
];

async function workbook(): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet("说明").addRow(["本表为依申请公开登记台账，填写说明见下"]);
  const sheet = book.addWorksheet("2025年台账");
  sheet.addRow(["某县财政局政府信息公开申请登记台账（2025年）"]);
  sheet.addRow([]);
  sheet.addRow(header);
  for (const row of cases) sheet.addRow(row);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe("读入台账文件", () => {
  it("Excel：找出像台账的那张表和它的表头行（上面有标题），日期按日期读入，行号与表格中一致", async () => {
    const grid = await readRegisterFile(await workbook(), "台账.xlsx", applicationRegisterFields);
    expect(grid.headerRowNumber).toBe(3);
    expect(grid.headers).toEqual(header);
    expect(grid.rows.map((row) => row.rowNumber)).toEqual([4, 5, 6]);
    const mapping = guessColumns(grid.headers, applicationRegisterFields);
    expect(mapping).toEqual({ number: 0, received: 1, applicant: 2, result: 5, answered: 4 });
    const rows = registerRows(grid, mapping);
    expect(rows[0]).toEqual({
      rowNumber: 4,
      number: "1",
      cells: {
        received: new Date(Date.UTC(2024, 11, 20)),
        applicant: "张三（个人）",
        result: "同意公开",
        answered: new Date(Date.UTC(2025, 0, 8)),
      },
    });
  });

  it("GBK 编码的 CSV（Excel 中文版“另存为 CSV”）与 UTF-8 的读出相同", async () => {
    const csv = [
      header.join(","),
      "1,2024/12/20,张三（个人）,某路段规划,2025/1/8,同意公开,",
      '2,2025-03-03,某某科技有限公司,"招标文件,附件",2025-03-20,部分公开,',
    ].join("\r\n");
    const fromGbk = await readRegisterFile(new Uint8Array(iconv.encode(csv, "gbk")), "台账.csv", applicationRegisterFields);
    const fromUtf8 = await readRegisterFile(new TextEncoder().encode(`\uFEFF${csv}`), "台账.csv", applicationRegisterFields);
    expect(fromGbk).toEqual(fromUtf8);
    expect(fromGbk.rows[1]!.values[3]).toBe("招标文件,附件");
  });

  it("从表格软件复制粘贴的一块（制表符分隔）", () => {
    const grid = readPastedRegister(
      `${header.join("\t")}\n1\t2025-01-05\t个人\t预算\t2025-01-20\t公开\t`,
      applicationRegisterFields,
    );
    expect(grid.rows).toEqual([{ rowNumber: 2, values: ["1", "2025-01-05", "个人", "预算", "2025-01-20", "公开", ""] }]);
  });

  it("不是台账：中文说明，写出要找的列名", async () => {
    await expect(readRegisterFile(new TextEncoder().encode("a,b\n1,2"), "x.csv", applicationRegisterFields)).rejects.toThrow(
      /没有找到表头行：前 20 行中没有一行写着“收到日期”“申请人类型”“办理结果”“答复日期”等列名中的两个/,
    );
    await expect(readRegisterFile(new Uint8Array([1, 2, 3]), "x.pdf", applicationRegisterFields)).rejects.toBeInstanceOf(
      RegisterReadError,
    );
  });

  it("列名推荐：“申请人类型”优先于“申请人”；复议、诉讼台账的列；认不出的列留给用户选", () => {
    expect(guessColumns(["申请人", "申请人类型", "受理日期", "处理结果", "办结日期"], applicationRegisterFields)).toEqual({
      number: null,
      received: 2,
      applicant: 1,
      result: 3,
      answered: 4,
    });
    expect(guessColumns(["案号", "立案日期", "类型", "结果", "结案日期"], reviewRegisterFields)).toEqual({
      number: 0,
      received: 1,
      kind: 2,
      result: 3,
      closed: 4,
    });
    expect(guessColumns(["日期", "人", "结论"], applicationRegisterFields)).toEqual({
      number: null,
      received: null,
      applicant: null,
      result: null,
      answered: null,
    });
  });

  it("从 Excel 台账到表三：用户确认推荐的用语后计数", async () => {
    const grid = await readRegisterFile(await workbook(), "台账.xlsx", applicationRegisterFields);
    const rows = registerRows(grid, guessColumns(grid.headers, applicationRegisterFields));
    const words = (column: "applicant" | "result", guess: (word: string) => string | null) =>
      new Map(rows.map((row) => String(row.cells[column])).map((word) => [normaliseWord(word), guess(word)!] as const));
    // 张三（个人）: the brackets say the kind; a bare name would be asked.
    const applicants = new Map(
      [...words("applicant", guessApplicantKind)].map(([word, kind]) => [word, kind ?? "natural_person"]),
    );
    const count = countApplications(rows, { results: words("result", guessResultRow), applicants }, 2025);
    expect(count.waiting).toEqual([]);
    expect(count.casesByCell[applicationsCellId("carried_over", "natural_person")]).toEqual([4]);
    expect(count.casesByCell[applicationsCellId("granted", "natural_person")]).toEqual([4]);
    expect(count.casesByCell[applicationsCellId("partially_granted", "commercial_enterprise")]).toEqual([5]);
    expect(count.casesByCell[applicationsCellId("carried_forward", "natural_person")]).toEqual([6]);
  });
});
