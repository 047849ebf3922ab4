"use client";

import { useState, useSyncExternalStore } from "react";
import type { EditorSession } from "@/lib/editor/editor-session";
import { type CellId, type TableId, tableCells, tableName } from "@/lib/format";
import { type ImportNoteKind, importNoteKindLabels } from "@/lib/import/types";
import { confirmImportedCells } from "@/lib/report/import-review";
import type { TImportReview } from "@/lib/report/report-schema";

const fileTypeLabels: Record<TImportReview["source"]["fileType"], string> = {
  pdf: "PDF",
  docx: "Word 文档",
  html: "网页",
  text: "文本",
};
const formatLabels: Record<TImportReview["detectedFormat"], string> = {
  "2021": "统计表为 2021 年格式（国办公开办函〔2021〕30号）",
  "2019": "统计表为 2019 年格式（国办公开办函〔2019〕60号），已对应到 2021 年格式",
  unknown: "没有统计表，格式未能判断",
};
const kindLabel = (kind: string) => importNoteKindLabels[kind as ImportNoteKind] ?? kind;

/** Staff confirm imported figures as read: their 请核对 marks go, as one step Ctrl+Z takes back. */
export function confirmImported(session: EditorSession, cellIds: readonly CellId[], label: string): boolean {
  return session.applyLedgerStep(label, (report) => confirmImportedCells(report, cellIds));
}

const useImportReview = (session: EditorSession) =>
  useSyncExternalStore(
    session.subscribe,
    () => session.getReport().importReview,
    () => session.getReport().importReview,
  );

/** Where an imported report came from, its format and what the importer noted; folded away until opened. */
export function ImportReviewBanner({ session }: { session: EditorSession }) {
  const review = useImportReview(session);
  if (!review) return null;
  const open = review.unconfirmedCellIds.length;
  const source = `“${review.source.fileName}”（${fileTypeLabels[review.source.fileType]}）`;
  return (
    <details className="import-review" data-testid="import-review">
      <summary>
        {review.carriedOverOnly ? `上年结转取自上年已发布的报告${source}` : `本报告导入自已发布的报告${source}`}；
        {formatLabels[review.detectedFormat]}；{review.notes.length} 条导入说明；
        {open > 0 ? <strong>{open} 个数字请核对（表格中紫框标出）</strong> : "导入的数字均已核对"}
      </summary>
      <ul>
        {review.notes.map((note, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the import notes are fixed when the file is read and never reorder
          <li key={index}>
            <span className="badge badge-warning">{kindLabel(note.kind)}</span>
            <span>{note.message}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Above a table with figures still to check: how to confirm them, and 确认本表全部导入的数字 (asked twice). */
export function TableImportReview({ tableId, session }: { tableId: TableId; session: EditorSession }) {
  const review = useImportReview(session);
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const inTable = new Set(tableCells(tableId).map((cell) => cell.id));
  const pending = (review?.unconfirmedCellIds ?? []).filter((cellId) => inTable.has(cellId));
  if (pending.length === 0) {
    return done ? (
      <p className="notice" role="status">
        {done}
      </p>
    ) : null;
  }
  const confirmAll = () => {
    const label = `确认${tableName(tableId)}全部 ${pending.length} 个导入的数字`;
    if (confirmImported(session, pending, label)) setDone(`已${label}（Ctrl+Z 可撤销）`);
    setAsking(false);
  };
  return (
    <section className="table-import-review" aria-label={`${tableName(tableId)}待核对的导入数字`}>
      <p>
        <span className="review-flag">请核对</span>
        {tableName(tableId)}有 {pending.length} 个导入时未能确认的数字（紫框）：对照原报告逐格核对，选中该格按 Ctrl+回车
        或在提示中点“确认本格”；改过的数字不再标记。
      </p>
      {asking ? (
        <p className="confirm" role="alertdialog" aria-label="确认本表全部导入的数字">
          {tableName(tableId)}的 {pending.length} 个待核对数字都已与原报告核对无误？
          {/* biome-ignore lint/a11y/noAutofocus: a confirmation's own button takes the focus, as in a dialog */}
          <button type="button" onClick={confirmAll} autoFocus>
            确认全部 {pending.length} 个
          </button>
          <button type="button" onClick={() => setAsking(false)}>
            取消
          </button>
        </p>
      ) : (
        <button type="button" onClick={() => setAsking(true)}>
          确认本表全部导入的数字
        </button>
      )}
    </section>
  );
}
