import { describe, expect, it } from "vitest";
import { checkReport } from "@/lib/checks/check-report";
import { applicationsCellId } from "@/lib/format";
import { importPublishedReport } from "@/lib/import/import-report";
import { confirmImportedCells, confirmImportNote, dropMarksOfChangedCells, isUnconfirmed } from "./import-review";

// A run-together 表三 row that splits two ways the table's sums cannot tell apart.
const ambiguous = [
  "某县人民政府2024年政府信息公开工作年度报告",
  "一、总体情况",
  "三、收到和处理政府信息公开申请情况",
  "一、本年新收政府信息公开申请数量121000013",
  "（七）总计121000013",
  "四、结转下年度继续办理0000000",
].join("\n");

async function imported() {
  const outcome = await importPublishedReport(new TextEncoder().encode(ambiguous), "page.txt");
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.report;
}

describe("confirming imported figures", () => {
  it("marks the cells whose splits differ, with both readings in the note, until each is confirmed", async () => {
    const report = await imported();
    const natural = applicationsCellId("new", "natural_person");
    const commercial = applicationsCellId("new", "commercial_enterprise");
    const research = applicationsCellId("new", "research_institution");
    expect(report.importReview!.unconfirmedCellIds).toEqual(expect.arrayContaining([natural, commercial, research]));
    const note = report.importReview!.notes.find((candidate) => candidate.cellIds.includes(natural))!;
    expect(note.kind).toBe("ambiguous");
    expect(note.message).toContain("12/1/0/0/0/0/13");
    expect(note.message).toContain("1/2/10/0/0/0/13");
    const errors = checkReport(report).filter((result) => result.ruleId === "import.unconfirmed");
    expect(errors.map((result) => result.cellIds[0])).toEqual(expect.arrayContaining([natural, commercial, research]));
    expect(errors[0]!.severity).toBe("error");

    const confirmed = confirmImportedCells(report, [natural]);
    expect(isUnconfirmed(confirmed, natural)).toBe(false);
    expect(isUnconfirmed(confirmed, commercial)).toBe(true);
    expect(isUnconfirmed(report, natural)).toBe(true);

    const row = confirmImportNote(report, report.importReview!.notes.indexOf(note));
    expect([natural, commercial, research].some((cellId) => isUnconfirmed(row, cellId))).toBe(false);
    const all = report.importReview!.notes.reduce((current, _, index) => confirmImportNote(current, index), report);
    expect(checkReport(all).some((result) => result.ruleId === "import.unconfirmed")).toBe(false);
  });

  it("drops the mark of a cell whose value staff change, and only that one", async () => {
    const report = await imported();
    const natural = applicationsCellId("new", "natural_person");
    const commercial = applicationsCellId("new", "commercial_enterprise");
    const edited = { ...report, ledger: { ...report.ledger, [natural]: 12 } };
    const after = dropMarksOfChangedCells(report, edited);
    expect(isUnconfirmed(after, natural)).toBe(false);
    expect(isUnconfirmed(after, commercial)).toBe(true);
    expect(dropMarksOfChangedCells(report, { ...report })).toEqual(report);
  });
});
