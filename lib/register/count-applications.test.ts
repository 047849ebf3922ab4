import { describe, expect, it } from "vitest";
import { applicationsCellId } from "@/lib/format";
import { type ApplicationWords, countApplications, countedApplicationCells } from "./count-applications";
import type { RegisterRow } from "./register-cases";
import { applicantKinds, normaliseWord, resultRows, STILL_OPEN } from "./register-words";

/** The words the tests' register uses: each row's and column's own label, plus 办理中. */
const words: ApplicationWords = {
  results: new Map([...resultRows.map((row) => [normaliseWord(row.shortLabel), row.key] as const), ["办理中", STILL_OPEN]]),
  applicants: new Map(applicantKinds.map((kind) => [normaliseWord(kind.label), kind.key] as const)),
};
const granted = resultRows[0]!.shortLabel;

const row = (
  rowNumber: number,
  received: unknown,
  answered: unknown,
  result = granted,
  applicant = "自然人",
  number = "",
): RegisterRow => ({
  rowNumber,
  number,
  cells: { received, answered, applicant, result },
});
const cell = (rowKey: string, kind = "natural_person") => applicationsCellId(rowKey, kind);

describe("按报告年度从台账数出表三", () => {
  it("年度边界：12 月 31 日收到、1 月 1 日答复；年底未答复；跨年答复；往年和来年的申请", () => {
    const count = countApplications(
      [
        row(2, "2024-12-31", "2025-01-01"), // 上年结转，本年办结
        row(3, "2025-01-01", "2025-12-31"), // 本年新收，本年办结
        row(4, "2025-12-31", "", ""), // 本年新收，结转下年度
        row(5, "2025-06-30", "2026-01-02"), // 本年新收，答复在来年：结转下年度，不计结果
        row(6, "2023-03-01", "", "办理中"), // 上年结转，仍未办结：结转下年度
        row(7, "2024-05-01", "2024-12-31"), // 往年办结：不属本年
        row(8, "2026-01-01", "2026-01-05"), // 来年收到：不属本年
      ],
      words,
      2025,
    );
    expect(count.waiting).toEqual([]);
    expect(count.outsideYear).toBe(2);
    expect(count.casesByCell[cell("carried_over")]).toEqual([2, 6]);
    expect(count.casesByCell[cell("new")]).toEqual([3, 4, 5]);
    expect(count.casesByCell[cell("granted")]).toEqual([2, 3]);
    expect(count.casesByCell[cell("carried_forward")]).toEqual([4, 5, 6]);
    expect(count.ledger[cell("new")]).toBe(3);
    expect(count.ledger[cell("new", "commercial_enterprise")]).toBe(0);
  });

  it("有问题的行逐行列出原因，不计入任何一格：日期缺失或不存在、类型和结果未对应、编号重复、答复早于收到", () => {
    const count = countApplications(
      [
        row(2, "", "2025-03-01"),
        row(3, "2025-02-30", "2025-03-01"),
        row(4, "2025-03-01", "2025-03-02", granted, "张三"),
        row(5, "2025-03-01", "2025-03-02", "已办结"),
        row(6, "2025-03-01", "2025-03-02", granted, "自然人", "YS-7"),
        row(7, "2025-04-01", "2025-04-02", granted, "自然人", "YS-7"),
        row(8, "2025-05-01", "2025-04-30"),
        row(9, "2025-05-01", "", granted),
        row(10, "2025-05-01", "2025-05-03", ""),
        row(11, "2025-05-01", "2025-05-03", "办理中"),
        row(12, "", "", "", ""),
      ],
      words,
      2025,
    );
    expect(count.waiting.map(({ rowNumber, reasons }) => [rowNumber, reasons])).toEqual([
      [2, ["收到日期为空"]],
      [3, ["收到日期“2025-02-30”不是有效的日期"]],
      [4, ["申请人“张三”还没有对应到表三的申请人类型"]],
      [5, ["办理结果“已办结”还没有对应到表三的行"]],
      [6, ["编号“YS-7”与第 7 行重复"]],
      [7, ["编号“YS-7”与第 6 行重复"]],
      [8, ["答复日期 2025-04-30 早于收到日期 2025-05-01"]],
      [9, ["有办理结果“（一）予以公开”，但没有答复日期"]],
      [10, ["已答复，但办理结果为空"]],
      [11, ["已有答复日期 2025-05-03，但办理结果“办理中”表示尚未办结"]],
    ]);
    // Row 12 is blank: not a case at all. Nothing was counted.
    expect(Object.values(count.ledger).every((value) => value === 0)).toBe(true);
  });

  it("几百件虚构的申请：每个结果行和申请人类型都有；与另行逐格筛选的结果一致，第一项加第二项等于第三项加第四项", () => {
    // A seeded generator: the same register on every run.
    let seed = 20251231;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor(seed / 65536) % n; // the high bits: a power-of-two LCG's low bits repeat quickly
    };
    const day = (year: number) => {
      const date = new Date(Date.UTC(year, 0, 1 + next(365)));
      return date.toISOString().slice(0, 10);
    };
    const register: RegisterRow[] = [];
    for (let index = 0; index < 600; index += 1) {
      const received = day(2023 + next(4)); // 2023 … 2026
      const answered = next(5) === 0 ? "" : day(Number(received.slice(0, 4)) + next(2));
      const result = resultRows[next(resultRows.length)]!.shortLabel;
      const applicant = applicantKinds[next(applicantKinds.length)]!.label;
      const ok = answered === "" || answered >= received;
      if (!ok) continue;
      register.push(row(index + 2, received, answered, answered === "" ? "" : result, applicant, `A${index}`));
    }
    const count = countApplications(register, words, 2025);
    expect(count.waiting).toEqual([]);

    // Each cell recounted on its own from the dates, without the counter's classification.
    const expected = new Map<string, number>();
    for (const id of countedApplicationCells()) expected.set(id, 0);
    const add = (rowKey: string, kind: string) => expected.set(cell(rowKey, kind), expected.get(cell(rowKey, kind))! + 1);
    for (const { cells } of register) {
      const received = new Date(String(cells.received)).getTime();
      const answered = cells.answered === "" ? Number.POSITIVE_INFINITY : new Date(String(cells.answered)).getTime();
      const start = Date.UTC(2025, 0, 1);
      const end = Date.UTC(2026, 0, 1);
      const kind = applicantKinds.find((candidate) => candidate.label === cells.applicant)!.key;
      if (received >= start && received < end) add("new", kind);
      if (received < start && answered >= start) add("carried_over", kind);
      if (answered >= start && answered < end)
        add(resultRows.find((candidate) => candidate.shortLabel === cells.result)!.key, kind);
      if (received < end && answered >= end) add("carried_forward", kind);
    }
    expect(count.ledger).toEqual(Object.fromEntries(expected));
    for (const id of countedApplicationCells()) expect(count.casesByCell[id]).toHaveLength(expected.get(id)!);
    // Every result row and every kind is used at least once, so the test reaches each.
    for (const result of resultRows)
      expect(
        applicantKinds.some((kind) => expected.get(cell(result.key, kind.key))! > 0),
        result.key,
      ).toBe(true);
    // The table's own balance holds by construction, column by column.
    for (const kind of applicantKinds) {
      const sum = (keys: string[]) => keys.reduce((total, key) => total + (count.ledger[cell(key, kind.key)] as number), 0);
      expect(sum(["new", "carried_over"])).toBe(sum([...resultRows.map((result) => result.key), "carried_forward"]));
    }
  });
});
