import { describe, expect, it, vi } from "vitest";
import { seedReports } from "@/fixtures/seed-reports";
import { applicationsCellId, reviewsLitigationCellId } from "@/lib/format";
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
    expect(session.undo()).toBe(true);
    expect(session.getReport().ledger[cellId]).toBe(174);
    expect(session.getReport().ledger[applicationsCellId("new", "commercial_enterprise")]).toBe(1);
    expect(session.canUndo()).toBe(false);
  });

  it("shows the balance error at every cell it involves", () => {
    const session = new EditorSession(seedReports()[3]!.report);
    for (const row of ["new", "carried_over", "results_total", "carried_forward"]) {
      const messages = session.getCellState(applicationsCellId(row, "total")).results.map((result) => result.message);
      expect(messages.some((message) => message.startsWith("表三 总计列：一、本年新收（101）"))).toBe(true);
    }
  });
});
