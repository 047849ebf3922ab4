import { describe, expect, it, vi } from "vitest";
import { seedReports } from "@/fixtures/seed-reports";
import { applicationsCellId, reviewsLitigationCellId } from "@/lib/format";
import { confirmImportedCells } from "@/lib/report/import-review";
import { FORMAT_VERSION, ZReport } from "@/lib/report/report-schema";
import { EditorSession } from "./editor-session";

const emptyReport = () => ZReport.parse({ formatVersion: FORMAT_VERSION, info: { agencyName: "测试县", year: 2025 } });

describe("EditorSession", () => {
  it("stores a typed figure and derives the totals", () => {
    const session = new EditorSession(emptyReport());
    session.setCellText(reviewsLitigationCellId("review.upheld"), "１２件");
    expect(session.getReport().ledger[reviewsLitigationCellId("review.upheld")]).toBe(12);
    expect(session.getCellState(reviewsLitigationCellId("review.total")).text).toBe("12");
  });

  it("keeps a refused text visible with its reason, without storing it", () => {
    const session = new EditorSession(emptyReport());
    session.setCellText(reviewsLitigationCellId("review.upheld"), "5");
    session.setCellText(reviewsLitigationCellId("review.upheld"), "abc");
    const state = session.getCellState(reviewsLitigationCellId("review.upheld"));
    expect(state.text).toBe("abc");
    expect(state.rejection).toContain("“abc”不是有效的数字");
    expect(session.getReport().ledger[reviewsLitigationCellId("review.upheld")]).toBe(5);
    expect(session.getResults()[0]).toMatchObject({ ruleId: "input.rejected", severity: "error" });
  });

  it("notifies only the cells whose state changed", () => {
    const session = new EditorSession(emptyReport());
    // Once staff work in a table its blanks are marked; from then on a keystroke touches only its own cells.
    session.revealBlanks("s3");
    const typed = vi.fn();
    const total = vi.fn();
    const unrelated = vi.fn();
    const otherBlank = vi.fn();
    session.subscribeCell(applicationsCellId("new", "natural_person"), typed);
    session.subscribeCell(applicationsCellId("new", "total"), total);
    session.subscribeCell(reviewsLitigationCellId("review.upheld"), unrelated);
    session.subscribeCell(applicationsCellId("granted", "research_institution"), otherBlank);
    session.setCellText(applicationsCellId("new", "natural_person"), "3");
    expect(typed).toHaveBeenCalledTimes(1);
    expect(total).toHaveBeenCalledTimes(1);
    expect(unrelated).not.toHaveBeenCalled();
    expect(otherBlank).not.toHaveBeenCalled();
  });

  it("applies a paste as one step that undo reverts", () => {
    const session = new EditorSession(seedReports()[1]!.report);
    const cellId = applicationsCellId("new", "natural_person");
    session.applyWrites([
      { cellId, value: 1 },
      { cellId: applicationsCellId("new", "commercial_enterprise"), value: 2 },
    ]);
    expect(session.getReport().ledger[cellId]).toBe(1);
    expect(session.undo()).toBe("粘贴 2 个单元格");
    expect(session.getReport().ledger[cellId]).toBe(174);
    expect(session.getReport().ledger[applicationsCellId("new", "commercial_enterprise")]).toBe(1);
    expect(session.history.canUndo()).toBe(false);
  });

  it("shows the balance error at every cell it involves", () => {
    const session = new EditorSession(seedReports()[3]!.report);
    for (const row of ["new", "carried_over", "results_total", "carried_forward"]) {
      const messages = session.getCellState(applicationsCellId(row, "total")).results.map((result) => result.message);
      expect(messages.some((message) => message.startsWith("表三 总计列：一、本年新收（101）"))).toBe(true);
    }
  });

  it("keeps one history: each typed cell, paste and clear is a step; Ctrl+Z never takes later typing with it", () => {
    const session = new EditorSession(emptyReport());
    const a = applicationsCellId("new", "natural_person");
    const b = applicationsCellId("new", "commercial_enterprise");
    session.applyWrites([{ cellId: a, value: 5 }]);
    session.setCellText(b, "7");
    expect(session.undo()).toBe(`填写${"表三「一、本年新收」行 商业企业列"}`);
    expect(session.getReport().ledger[b]).toBeUndefined();
    expect(session.getReport().ledger[a]).toBe(5);
    expect(session.redo()).toContain("商业企业列");
    expect(session.getReport().ledger[b]).toBe(7);
    expect(session.undo()).not.toBeNull();
    expect(session.undo()).toBe("粘贴 1 个单元格");
    expect(session.getReport().ledger[a]).toBeUndefined();
    expect(session.undo()).toBeNull();
    // A new step after undoing drops what was undone.
    session.setCellText(a, "1");
    expect(session.history.canRedo()).toBe(false);
  });

  it("undoes a typed value that was refused, and a stated total cleared with Delete", () => {
    const session = new EditorSession(emptyReport());
    const cell = reviewsLitigationCellId("review.upheld");
    session.setCellText(cell, "abc");
    expect(session.getCellState(cell).rejection).not.toBeNull();
    session.undo();
    expect(session.getCellState(cell).rejection).toBeNull();
    const total = reviewsLitigationCellId("review.total");
    session.applyWrites([{ cellId: total, value: 9 }]);
    expect(session.getCellState(total).isStated).toBe(true);
    session.clearCells([total]);
    expect(session.getCellState(total).isStated).toBe(false);
    session.undo();
    expect(session.getReport().ledger[total]).toBe(9);
  });

  it("does not record a step when the committed text is the same figure", () => {
    const session = new EditorSession(emptyReport());
    const cell = reviewsLitigationCellId("review.upheld");
    session.setCellText(cell, "3");
    session.setCellText(cell, "３");
    session.undo();
    expect(session.history.canUndo()).toBe(false);
  });

  it("marks a new report's blank cells only in a table staff have left, not while they fill it; the results count all of them", () => {
    const session = new EditorSession(emptyReport());
    const blank = (cellId: string) => session.getCellState(cellId).results.some((result) => result.ruleId === "ledger.blank");
    expect(session.getResults().filter((result) => result.ruleId === "ledger.blank")).toHaveLength(3);
    expect(blank(applicationsCellId("granted", "natural_person"))).toBe(false);
    session.setCellText(applicationsCellId("new", "natural_person"), "1");
    session.applyWrites([{ cellId: applicationsCellId("new", "commercial_enterprise"), value: 2 }]);
    expect(blank(applicationsCellId("granted", "natural_person"))).toBe(false);
    session.revealBlanks("s3");
    expect(blank(applicationsCellId("granted", "natural_person"))).toBe(true);
    expect(blank(reviewsLitigationCellId("review.upheld"))).toBe(false);
    session.revealBlanks();
    expect(blank(reviewsLitigationCellId("review.upheld"))).toBe(true);
  });

  it("commits the cell being typed into when asked (a save, or the page closing)", () => {
    const session = new EditorSession(emptyReport());
    const cell = reviewsLitigationCellId("review.upheld");
    session.setDraft(cell, "-");
    expect(session.isDrafting()).toBe(true);
    session.setDraft(cell, "-3");
    session.commitDraft();
    expect(session.isDrafting()).toBe(false);
    // “-3” is refused as a whole: the “-” alone was never stored as 不适用.
    expect(session.getReport().ledger[cell]).toBeUndefined();
    expect(session.getCellState(cell).rejection).toContain("负数");
  });

  it("reports a numeric field's refused text at its field and keeps the rest of the text edit", () => {
    const session = new EditorSession(emptyReport());
    session.updateText((report) => ({ ...report, info: { ...report.info, year: null } }), { "info.year": "20x6" });
    const messages = session
      .getResults()
      .filter((result) => result.location?.field === "info.year")
      .map((result) => result.message);
    expect(messages).toContain("年度：“20x6”不是年份：请填写四位数字，如 2025");
    expect(messages.some((message) => message.startsWith("年度未填写"))).toBe(true);
    expect(session.getFieldRejections()).toEqual({ "info.year": "20x6" });
    session.updateText((report) => ({ ...report, info: { ...report.info, year: 2025 } }));
    expect(session.getFieldRejections()).toEqual({});
  });

  describe("figures imported from a published file (请核对)", () => {
    const upheld = reviewsLitigationCellId("review.upheld");
    const corrected = reviewsLitigationCellId("review.corrected");
    const other = reviewsLitigationCellId("review.other");
    const imported = () =>
      ZReport.parse({
        formatVersion: FORMAT_VERSION,
        info: { agencyName: "测试县", year: 2025 },
        ledger: { [upheld]: 1, [corrected]: 2, [other]: 3 },
        importReview: {
          source: { fileName: "年报.txt", fileType: "text" },
          detectedFormat: "2021",
          notes: [{ kind: "ambiguous", cellIds: [upheld, corrected, other], message: "“123”有两种读法" }],
          unconfirmedCellIds: [upheld, corrected, other],
        },
      });
    const marked = (session: EditorSession) => session.getReport().importReview!.unconfirmedCellIds;
    const unconfirmedResults = (session: EditorSession) =>
      session
        .getResults()
        .filter((result) => result.ruleId === "import.unconfirmed")
        .map((result) => result.cellIds[0]);

    it("marks the cells, with the importer's reason at the cell", () => {
      const session = new EditorSession(imported());
      expect(session.getCellState(upheld).isUnconfirmed).toBe(true);
      expect(session.getCellState(upheld).results.map((result) => result.message)).toContain(
        "表四 行政复议 结果维持：导入的数字请核对后确认——“123”有两种读法",
      );
      expect(session.getCellState(reviewsLitigationCellId("review.pending")).isUnconfirmed).toBe(false);
    });

    it("confirms a figure as one undoable step, and redoes it", () => {
      const session = new EditorSession(imported());
      const listener = vi.fn();
      session.subscribeCell(upheld, listener);
      expect(session.applyLedgerStep("确认本格", (report) => confirmImportedCells(report, [upheld]))).toBe(true);
      expect(session.getCellState(upheld).isUnconfirmed).toBe(false);
      expect(listener).toHaveBeenCalled();
      expect(unconfirmedResults(session)).toEqual([corrected, other]);
      expect(session.getReport().ledger[upheld]).toBe(1);
      // Confirming what is confirmed already is no step.
      expect(session.applyLedgerStep("确认本格", (report) => confirmImportedCells(report, [upheld]))).toBe(false);
      expect(session.undo()).toBe("确认本格");
      expect(marked(session)).toEqual([upheld, corrected, other]);
      expect(session.redo()).toBe("确认本格");
      expect(marked(session)).toEqual([corrected, other]);
    });

    it("drops the mark of a changed figure (typed, pasted or cleared) and puts it back on undo; a refused text keeps it", () => {
      const session = new EditorSession(imported());
      session.setCellText(corrected, "12");
      expect(marked(session)).toEqual([upheld, other]);
      session.setCellText(upheld, "abc");
      expect(session.getCellState(upheld).isUnconfirmed).toBe(true);
      session.applyWrites([{ cellId: other, value: 30 }]);
      session.clearCells([upheld]);
      expect(marked(session)).toEqual([]);
      expect(unconfirmedResults(session)).toEqual([]);
      session.undo();
      session.undo();
      expect(marked(session)).toEqual([upheld, other]);
      session.undo();
      session.undo();
      expect(marked(session)).toEqual([upheld, corrected, other]);
      expect(session.getReport().ledger[corrected]).toBe(2);
    });
  });
});
