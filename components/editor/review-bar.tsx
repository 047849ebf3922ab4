"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { callApi, formatDateTime, messageOf } from "@/components/ui/api-client";
import { focusOnArrival } from "@/components/ui/arrival-focus";
import { commentStep, type EditorStepId } from "@/lib/editor/result-steps";
import { findCell, getCell, reportSections, type SectionId, sectionHeading } from "@/lib/format";
import { withFullStop } from "@/lib/report/sentence";
import type { ReportStatus } from "@/lib/store/schema";
import { REVIEW_STATUS_ID } from "./editor-ids";
import type { ReviewCommentView } from "./review-context";
import { commentPlaceName } from "./review-place";

export type ReviewPermissions = {
  /** Changes the content, submits, starts a 更正 (the report's own unit; the administrator). */
  canWrite: boolean;
  /** Returns, approves, publishes (the reviewer of the unit or above; the administrator). */
  canReview: boolean;
  /** Approves: a reviewer of the unit, not the one who submitted it (separation of duties). */
  canApprove: boolean;
};

export type ReviewSummary = {
  status: ReportStatus;
  statusLabel: string;
  correctionReason: string | null;
  lastTransition: { userName: string; at: string; comment: string; toStatus: ReportStatus } | null;
  comments: readonly ReviewCommentView[];
  permissions: ReviewPermissions;
};

type DraftComment = { target: string; body: string };

/** The report's review state and what the signed-in person can do with it. */
export function ReviewBar({
  reportId,
  review,
  errorCount,
  beforeAction,
  onGoTo,
}: {
  reportId: string;
  review: ReviewSummary;
  errorCount: number;
  /** Saves what is typed before a transition. */
  beforeAction: () => Promise<void>;
  /** Opens a step and focuses an element in it (a commented cell or the step's first field). */
  onGoTo?: (step: EditorStepId, focusId: string | null) => void;
}) {
  const [message, setMessage] = useState<{ text: string; isError: boolean } | null>(null);
  const [mode, setMode] = useState<"idle" | "return" | "correct">("idle");
  const [overall, setOverall] = useState("");
  const [drafts, setDrafts] = useState<DraftComment[]>([]);
  const [lastCell, setLastCell] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The comment being written: a cell chosen in the table while it is open is where it goes. */
  const [activeDraft, setActiveDraft] = useState<number | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const { status, permissions } = review;

  useEffect(() => {
    // The cell last chosen in the table is where a new comment goes by default, and where the
    // comment being written moves to.
    const onFocus = (event: FocusEvent) => {
      const id = (event.target as HTMLElement | null)?.id ?? "";
      if (!id.startsWith("cell-") || !findCell(id.slice(5))) return;
      const cellId = id.slice(5);
      setLastCell(cellId);
      if (activeDraft !== null) {
        setDrafts((current) =>
          current.map((draft, position) => (position === activeDraft ? { ...draft, target: `cell:${cellId}` } : draft)),
        );
      }
    };
    document.addEventListener("focusin", onFocus);
    return () => document.removeEventListener("focusin", onFocus);
  }, [activeDraft]);

  // Opening a form takes the keyboard to its first field.
  useEffect(() => {
    if (mode !== "idle") form.current?.querySelector<HTMLElement>("textarea, input")?.focus();
  }, [mode]);

  // A new comment is where the typing goes next.
  useEffect(() => {
    if (drafts.length === 0) return;
    form.current?.querySelector<HTMLInputElement>(`#review-draft-${drafts.length - 1}`)?.focus();
  }, [drafts.length]);

  const act = async (path: string, json: unknown, done: string) => {
    setBusy(true);
    setMessage(null);
    try {
      await beforeAction();
      await callApi(`/api/reports/${reportId}/${path}`, { method: "POST", json });
      setMessage({ text: done, isError: false });
      // After the reload the report's new status takes the keyboard, and a screen reader reads it.
      focusOnArrival(window.location.pathname, REVIEW_STATUS_ID);
      window.location.reload();
    } catch (error) {
      setMessage({ text: messageOf(error), isError: true });
      setBusy(false);
    }
  };

  const addComment = () => {
    setDrafts([...drafts, { target: lastCell ? `cell:${lastCell}` : `section:${reportSections[0]!.id}`, body: "" }]);
    setActiveDraft(drafts.length);
  };

  const last = review.lastTransition;
  const banner =
    status === "submitted" && last
      ? `已提交：${last.userName} 于 ${formatDateTime(last.at)} 提交审核。编辑已锁定，等待审核。`
      : status === "approved" && last
        ? `审核通过：${last.userName} 于 ${formatDateTime(last.at)} 审核通过。编辑已锁定，可以发布。`
        : status === "published" && last
          ? `已发布：${last.userName} 于 ${formatDateTime(last.at)} 发布。已发布的文件见“历史版本”；如需修改，请发起更正。`
          : status === "returned" && last
            ? `退回修改：${last.userName} 于 ${formatDateTime(last.at)} 退回${last.comment ? `，意见：${withFullStop(last.comment)}` : "。"}请按意见修改后重新提交。`
            : review.correctionReason
              ? `更正中：${withFullStop(review.correctionReason)}修改后重新提交审核，审核通过后发布更正版。`
              : null;

  // Offered while submitted and while approved (not yet published).
  const returnToggle = (
    <button
      type="button"
      disabled={busy}
      aria-expanded={mode === "return"}
      // Only while the form is on the page: an id that is absent points nowhere.
      aria-controls={mode === "return" ? "review-form" : undefined}
      onClick={() => setMode(mode === "return" ? "idle" : "return")}
    >
      退回修改…
    </button>
  );

  return (
    <section className={`review-bar review-${status}`} aria-label="审核">
      <p className="review-status" id={REVIEW_STATUS_ID} tabIndex={-1}>
        <span className={`status-pill status-${status}`}>{review.statusLabel}</span>
        {banner && <span role="status">{banner}</span>}
      </p>
      <div className="review-actions">
        {permissions.canWrite && (status === "editing" || status === "returned") && (
          <button
            type="button"
            className="primary"
            disabled={busy || errorCount > 0}
            title={errorCount > 0 ? `还有 ${errorCount} 个错误，改正后才能提交` : undefined}
            onClick={() => void act("submit", { comment: "" }, "已提交审核")}
          >
            提交审核{errorCount > 0 ? `（还有 ${errorCount} 个错误）` : ""}
          </button>
        )}
        {permissions.canReview && status === "submitted" && (
          <>
            {permissions.canApprove ? (
              <button
                type="button"
                className="primary"
                disabled={busy}
                onClick={() => void act("approve", { comment: "" }, "已审核通过")}
              >
                审核通过
              </button>
            ) : (
              <span className="hint">这份报告是您提交的，须由其他审核人或管理员审核通过</span>
            )}
            {returnToggle}
          </>
        )}
        {permissions.canWrite && status === "submitted" && (
          <button
            type="button"
            disabled={busy}
            title="审核前可撤回，改完再提交"
            onClick={() => void act("withdraw", { comment: "" }, "已撤回，可以继续修改")}
          >
            撤回提交
          </button>
        )}
        {permissions.canReview && status === "approved" && (
          <>
            <button type="button" className="primary" disabled={busy} onClick={() => void act("publish", {}, "已发布")}>
              发布（保存正式的 PDF、Word 和网页文件）
            </button>
            {returnToggle}
          </>
        )}
        {permissions.canWrite && status === "published" && (
          <button
            type="button"
            disabled={busy}
            aria-expanded={mode === "correct"}
            aria-controls={mode === "correct" ? "review-form" : undefined}
            onClick={() => setMode(mode === "correct" ? "idle" : "correct")}
          >
            发起更正…
          </button>
        )}
        <Link href={`/reports/${reportId}/history`}>审核记录和已发布文件</Link>
      </div>

      {mode === "return" && (
        <form
          ref={form}
          id="review-form"
          className="review-form"
          aria-label="退回修改"
          onSubmit={(event) => {
            event.preventDefault();
            const comments = drafts
              .filter((draft) => draft.body.trim() !== "")
              .map((draft) => {
                const [kind, id] = draft.target.split(":") as ["cell" | "section", string];
                return kind === "cell" ? { cellId: id, body: draft.body } : { sectionId: id as SectionId, body: draft.body };
              });
            void act("return", { comment: overall, comments }, "已退回修改");
          }}
        >
          <label className="text-field">
            <span className="text-field-label">退回意见</span>
            <textarea value={overall} onChange={(event) => setOverall(event.target.value)} rows={2} />
          </label>
          {drafts.map((draft, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: drafts are only ever appended (添加一条意见), never removed or reordered, and their fields are controlled
            <div key={index} className="review-comment-draft">
              <label>
                意见附在
                <select
                  value={draft.target}
                  onChange={(event) =>
                    setDrafts(
                      drafts.map((item, position) => (position === index ? { ...item, target: event.target.value } : item)),
                    )
                  }
                >
                  {draft.target.startsWith("cell:") && (
                    <option value={draft.target}>{getCell(draft.target.slice(5)).name}</option>
                  )}
                  {lastCell && `cell:${lastCell}` !== draft.target && (
                    <option value={`cell:${lastCell}`}>{getCell(lastCell).name}</option>
                  )}
                  {reportSections.map((section) => (
                    <option key={section.id} value={`section:${section.id}`}>
                      {sectionHeading(section)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="grow">
                意见
                <input
                  id={`review-draft-${index}`}
                  value={draft.body}
                  onFocus={() => setActiveDraft(index)}
                  onChange={(event) =>
                    setDrafts(drafts.map((item, position) => (position === index ? { ...item, body: event.target.value } : item)))
                  }
                />
              </label>
            </div>
          ))}
          <p className="hint">
            先在表格中点选要提意见的单元格，再“添加一条意见”，意见就附在那一格上；写意见时再点另一个单元格，意见改附在那一格上；也可以附在某个部分上。
          </p>
          <button type="button" onClick={addComment}>
            添加一条意见{lastCell ? `（${getCell(lastCell).name}）` : ""}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            退回
          </button>
        </form>
      )}

      {mode === "correct" && (
        <form
          ref={form}
          id="review-form"
          className="review-form"
          aria-label="发起更正"
          onSubmit={(event) => {
            event.preventDefault();
            void act("correct", { reason: overall }, "已发起更正");
          }}
        >
          <label className="text-field">
            <span className="text-field-label">更正的原因（会记入审核记录，并随更正版一起保存）</span>
            <textarea value={overall} onChange={(event) => setOverall(event.target.value)} rows={2} />
          </label>
          <button type="submit" className="primary" disabled={busy || overall.trim() === ""}>
            发起更正
          </button>
        </form>
      )}

      {review.comments.length > 0 && (
        <div className="review-comments">
          <h3>未处理的审核意见（{review.comments.length} 条）</h3>
          <ul>
            {review.comments.map((comment) => (
              <li key={comment.id}>
                {onGoTo ? (
                  <a
                    href={`/reports/${reportId}?step=${commentStep(comment)}`}
                    onClick={(event) => {
                      event.preventDefault();
                      onGoTo(commentStep(comment), comment.cellId ? `cell-${comment.cellId}` : "first-field");
                    }}
                  >
                    <strong>{commentPlaceName(comment)}</strong>
                  </a>
                ) : (
                  <strong>{commentPlaceName(comment)}</strong>
                )}
                ：{comment.body}（{comment.authorName}，{formatDateTime(comment.createdAt)}）
                {permissions.canWrite && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => void act(`comments/${comment.id}/resolve`, {}, "已标为已处理")}
                  >
                    标为已处理
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}

      {message && (
        <p role={message.isError ? "alert" : "status"} className={message.isError ? "alert" : "notice"}>
          {message.text}
        </p>
      )}
    </section>
  );
}
