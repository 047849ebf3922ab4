"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import {
  type ComponentProps,
  lazy,
  type MouseEvent,
  Suspense,
  useCallback,
  useEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import { FormProvider, useForm } from "react-hook-form";
import { callApi, formatTime, messageOf } from "@/components/ui/api-client";
import { takeArrivalFocus } from "@/components/ui/arrival-focus";
import { DuplicateNotice, duplicateOf, type ExistingReport } from "@/components/ui/duplicate-notice";
import { EditorSession } from "@/lib/editor/editor-session";
import { fromFormValues, type TReportTextFormValues, toFormValues } from "@/lib/editor/form-values";
import { type EditorStepId, editorSteps, isEditorStep, resultStep } from "@/lib/editor/result-steps";
import { getSection } from "@/lib/format";
import type { RuleResult } from "@/lib/format/rule-catalogue";
import { jsonEqual } from "@/lib/report/json-equal";
import type { TReport } from "@/lib/report/report-schema";
import { reportTitle } from "@/lib/report/report-wording";
import type { ReportKind } from "@/lib/store/report-store";
import { EDITOR_TITLE_ID } from "./editor-ids";
import { isRedoKey, isSaveKey, isUndoKey } from "./editor-keys";
import { ResultsPanel, StepNav, StepResults } from "./editor-sidebars";
import { ImportReviewBanner } from "./import-review";
import { LastYearFileImport } from "./last-year-file-import";
import { cellDomId } from "./ledger-cell";
import { LedgerTable } from "./ledger-table";
import { ReviewBar, type ReviewSummary } from "./review-bar";
import { commentsAtSection, ReviewContext, type ReviewState } from "./review-context";
import { EditorSessionContext, fieldDomId, InfoStep, OverviewStep, SectionTextStep } from "./text-steps";
import {
  holdLocalCopy,
  type LocalCopy,
  readLocalCopy,
  removeHeldCopy,
  removeLocalCopy,
  type SaveState,
  type SaveStateStore,
  useAutosave,
  useSaveState,
} from "./use-autosave";

/** 与上年对比 on the 预览与导出 step, loaded with that step only (the editor's first load stays lean). */
const YearComparisonPanel = lazy(() =>
  import("./year-comparison-panel").then((module) => ({ default: module.YearComparisonPanel })),
);

/** 预览与导出, loaded with that step only, as 与上年对比 is. */
const ExportPanel = lazy(() => import("./export-panel").then((module) => ({ default: module.ExportPanel })));

export type EditorInitialData = {
  reportId: string;
  report: TReport;
  kind: ReportKind;
  revision: number;
  updatedAt: string;
  previousYear: TReport | null;
  review: ReviewSummary;
};

type StoredResponse = { stored: { id: string; revision: number; updatedAt: string; report: TReport } };

function saveStatusText(state: SaveState, isDrafting: boolean): string {
  if (isDrafting) return "正在输入：离开单元格或按回车后保存";
  switch (state.kind) {
    case "saved":
      // Never claim more than is stored: text that is not a figure stays in this browser only.
      return state.refusedEntries > 0
        ? `已保存 ${formatTime(state.at)}；${state.refusedEntries} 处无法识别的输入未保存，已在本机保留`
        : `已保存 ${formatTime(state.at)}`;
    case "pending":
      return "有修改，即将保存";
    case "saving":
      return "保存中…";
    case "offline":
      return "未保存：无法连接服务器，已在本机保留";
    case "invalid":
      return `未保存：${state.message}，已在本机保留`;
    case "failed":
      return `未保存：${state.message}，已在本机保留`;
    case "conflict":
      return "未保存：报告已在别处修改，已在本机保留";
  }
}

/**
 * Whether a cell is being typed in, told one frame late: the first key of a cell paints its
 * character first, and the status line follows in the next frame.
 */
function useDraftingAfterPaint(session: EditorSession): boolean {
  const [isDrafting, setIsDrafting] = useState(session.isDrafting);
  useEffect(() => {
    let frame = 0;
    let timeout: ReturnType<typeof setTimeout> | undefined;
    const stop = () => {
      cancelAnimationFrame(frame);
      clearTimeout(timeout);
    };
    const unsubscribe = session.subscribeDraft(() => {
      stop();
      frame = requestAnimationFrame(() => {
        timeout = setTimeout(() => setIsDrafting(session.isDrafting()), 0);
      });
    });
    return () => {
      stop();
      unsubscribe();
    };
  }, [session]);
  return isDrafting;
}

/**
 * The save status on its own: it follows the start and end of typing in a cell, which
 * must not re-render the whole editor on the first key of every cell.
 */
function SaveStatus({ session, store }: { session: EditorSession; store: SaveStateStore }) {
  const state = useSaveState(store);
  const isDrafting = useDraftingAfterPaint(session);
  return (
    <p
      role="status"
      aria-live="polite"
      className={`save-status save-${isDrafting ? "pending" : state.kind}`}
      data-testid="save-status"
    >
      {saveStatusText(state, isDrafting)}
    </p>
  );
}

/** The review bar with the report's error count, subscribed on its own: a commit that changes the count re-renders the bar alone. */
function SessionReviewBar({
  session,
  ...props
}: { session: EditorSession } & Omit<ComponentProps<typeof ReviewBar>, "errorCount">) {
  const errorCount = useSyncExternalStore(
    session.subscribe,
    () => session.getResults().filter((result) => result.severity === "error").length,
    () => 0,
  );
  return <ReviewBar {...props} errorCount={errorCount} />;
}

/** The conflict banner, loaded when a save meets a conflict (most pages never do). */
const SaveConflictBanner = lazy(() =>
  import("./save-conflict-banner").then((module) => ({ default: module.SaveConflictBanner })),
);

function SaveConflict(props: ComponentProps<typeof SaveConflictBanner>) {
  const state = useSaveState(props.store);
  if (state.kind !== "conflict") return null;
  return (
    <Suspense fallback={<p className="banner banner-error">保存冲突：{state.message}，本页的修改已在本机保留。</p>}>
      <SaveConflictBanner {...props} />
    </Suspense>
  );
}

/** Inputs, text areas and the narrative editors keep their own Ctrl+Z (the typing in them); elsewhere it is the report's. */
const isTextEntry = (element: Element | null) =>
  element instanceof HTMLTextAreaElement ||
  // A narrative editor is a combobox while its 〔 list shows.
  (element instanceof HTMLElement && ["textbox", "combobox"].includes(element.getAttribute("role") ?? "")) ||
  (element instanceof HTMLInputElement && !element.classList.contains("cell-input") && element.type !== "button");

export function ReportEditor({ initial }: { initial: EditorInitialData }) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const { reportId } = initial;
  const { review } = initial;
  // Submitted, approved and published reports are read-only until returned or corrected.
  const isLocked = !(review.permissions.canWrite && (review.status === "editing" || review.status === "returned"));
  const [session] = useState(() => new EditorSession(initial.report, { previousYear: initial.previousYear, isLocked }));
  const reviewState: ReviewState = { isLocked, openComments: review.comments };
  const form = useForm<TReportTextFormValues>({ defaultValues: toFormValues(initial.report) });
  const autosave = useAutosave(
    session,
    reportId,
    { revision: initial.revision, savedAt: new Date(initial.updatedAt), report: initial.report },
    (merged) => {
      // Saved elsewhere and merged on the server: this page shows those changes too.
      session.replaceReport(merged, session.getRejectedTexts());
      form.reset(toFormValues(merged, session.getFieldRejections()));
    },
  );
  const requestedStep = searchParams.get("step");
  const step: EditorStepId = isEditorStep(requestedStep) ? requestedStep : "info";
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const [localCopy, setLocalCopy] = useState<LocalCopy | null>(null);
  const restored = searchParams.get("restored");
  const [notice, setNotice] = useState<string | null>(() =>
    restored && /^\d+$/.test(restored)
      ? `已恢复第 ${restored} 版的内容，并作为最新的一版保存（历史版本中标为“恢复自第 ${restored} 版”）`
      : null,
  );
  const [duplicate, setDuplicate] = useState<ExistingReport | null>(null);
  const stepContent = useRef<HTMLElement | null>(null);

  useEffect(() => {
    // The whole form every time: one field that is not a number must not hold back the rest.
    const subscription = form.watch(() => {
      const { info, narrative, rejections } = fromFormValues(form.getValues());
      session.updateText((report) => ({ ...report, info, narrative }), rejections);
    });
    return () => subscription.unsubscribe();
  }, [form, session]);

  useEffect(() => {
    let isCurrent = true;
    void readLocalCopy(reportId).then((copy) => {
      if (!copy || !isCurrent) return;
      const differs = !jsonEqual(copy.report, initial.report) || Object.keys(copy.rejectedTexts).length > 0;
      if (!differs) {
        removeLocalCopy(reportId);
        removeHeldCopy(reportId);
      } else if (copy.baseRevision === initial.revision || (copy.ownSaved ?? []).some((own) => jsonEqual(own, initial.report))) {
        // Nothing was saved since the copy was made but that page's own save: it is simply its unsaved
        // typing, taken in with anything typed here since opening. Autosave sends it.
        void import("@/lib/report/merge-reports").then(({ mergeReports, withValueAt }) => {
          if (!isCurrent) return;
          const merged = mergeReports(initial.report, session.getReport(), copy.report);
          const report = merged.conflicts.reduce(
            (result, conflict) => withValueAt(result, conflict.path, conflict.mine),
            merged.merged,
          );
          session.replaceReport(report, { ...copy.rejectedTexts, ...session.getRejectedTexts() });
          form.reset(toFormValues(report, session.getFieldRejections()));
          removeHeldCopy(reportId);
          setNotice("已自动恢复本机保留、尚未保存到服务器的修改");
        });
      } else {
        // Saved elsewhere since: staff choose; until then the copy is kept apart from this page's backups.
        holdLocalCopy(reportId, copy);
        setLocalCopy(copy);
      }
    });
    return () => {
      isCurrent = false;
    };
  }, [form, initial.report, initial.revision, reportId, session]);

  // Arrived by creating the report or by a review action: focus goes where that action said.
  useEffect(() => {
    const target = takeArrivalFocus(pathname);
    if (target) document.getElementById(target)?.focus();
  }, [pathname]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the step changes, to focus the requested target
  useEffect(() => {
    if (!focusTarget) return;
    const element = document.getElementById(focusTarget);
    if (element) {
      element.focus();
      element.scrollIntoView({ block: "center" });
      setFocusTarget(null);
    }
  }, [focusTarget, step]);

  useEffect(() => {
    // Asking to export is when every blank cell counts.
    if (step === "export") session.revealBlanks();
  }, [session, step]);

  /**
   * Each step is a history entry: reload and Back return to it. The browser's own pushState
   * (which Next's useSearchParams follows) asks nothing of the server, so a step can be
   * chosen while the server is unreachable.
   */
  const goToStep = useCallback(
    (next: EditorStepId, focus: "first-field" | string | null) => {
      window.history.pushState(null, "", `${pathname}?step=${next}`);
      setFocusTarget(focus === "first-field" ? `step-first-field:${next}` : focus);
    },
    [pathname],
  );

  // After choosing a step, its first field takes the keyboard.
  useEffect(() => {
    if (focusTarget !== `step-first-field:${step}`) return;
    const first = stepContent.current?.querySelector<HTMLElement>(
      'input:not([readonly]), textarea, [role="textbox"], select, button:not([disabled])',
    );
    first?.focus();
    setFocusTarget(null);
  }, [focusTarget, step]);

  const jumpTo = useCallback(
    (result: RuleResult) => {
      const [cellId] = result.cellIds;
      const field = result.location?.field;
      goToStep(resultStep(result), field ? fieldDomId(field) : cellId ? cellDomId(cellId) : null);
    },
    [goToStep],
  );

  const saveNow = useCallback(async () => {
    session.commitDraft();
    await autosave.saveNow();
  }, [autosave, session]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isSaveKey(event)) {
        event.preventDefault();
        void saveNow().then(() => setNotice(`已按 Ctrl+S 立即保存（${formatTime(new Date())}）`));
        return;
      }
      if (event.defaultPrevented || isTextEntry(document.activeElement)) return;
      if (document.activeElement instanceof HTMLInputElement && document.activeElement.classList.contains("cell-input")) return;
      if (isUndoKey(event) || isRedoKey(event)) {
        event.preventDefault();
        const undoing = isUndoKey(event);
        const label = undoing ? session.undo() : session.redo();
        setNotice(label ? `已${undoing ? "撤销" : "恢复"}：${label}` : `没有可${undoing ? "撤销" : "恢复"}的操作`);
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [saveNow, session]);

  /** Another page of the app: what is unsaved is saved first (a failed save stays in the browser copy). */
  const leaveTo = (href: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    void saveNow().finally(() => router.push(href));
  };

  const settleConflicts = (keepMine: readonly boolean[]) => {
    const settled = autosave.settleConflicts(keepMine);
    if (!settled) return;
    session.replaceReport(settled.report, session.getRejectedTexts());
    form.reset(toFormValues(settled.report, session.getFieldRejections()));
    // Saved on top of the stored revision: the choices are the next save.
    autosave.resetTo(settled.revision, new Date(), settled.current, { isSaved: false });
    setNotice("已按所选合并，正在保存");
  };

  const restoreLocalCopy = () => {
    if (!localCopy) return;
    // Replacing the report is a change like any other: autosave sends it on the current revision.
    session.replaceReport(localCopy.report, localCopy.rejectedTexts);
    form.reset(toFormValues(localCopy.report, session.getFieldRejections()));
    removeHeldCopy(reportId);
    setLocalCopy(null);
    setNotice("已恢复本机保留的修改");
  };

  const loadServerVersion = async () => {
    try {
      const { stored } = await callApi<{ stored: StoredResponse["stored"] }>(`/api/reports/${reportId}`);
      session.replaceReport(stored.report);
      form.reset(toFormValues(stored.report));
      removeLocalCopy(reportId);
      autosave.resetTo(stored.revision, new Date(stored.updatedAt), stored.report);
      setNotice(`已载入服务器上保存的版本（${formatTime(new Date(stored.updatedAt))}）`);
    } catch (error) {
      setNotice(messageOf(error));
    }
  };

  const keepMineAsCopy = async () => {
    try {
      const { stored } = await callApi<StoredResponse>("/api/reports", {
        method: "POST",
        json: { report: session.getReport(), asCopy: true },
      });
      removeLocalCopy(reportId);
      router.push(`/reports/${stored.id}`);
    } catch (error) {
      setDuplicate(duplicateOf(error));
      setNotice(messageOf(error));
    }
  };

  const title = useSyncExternalStore(
    session.subscribe,
    () => reportTitle(session.getReport().info),
    () => reportTitle(initial.report.info),
  );
  const activeSection = step === "info" || step === "export" ? null : getSection(step);

  return (
    <EditorSessionContext.Provider value={session}>
      <ReviewContext.Provider value={reviewState}>
        <FormProvider {...form}>
          <main id="main" className="editor">
            <header className="editor-header">
              <div>
                <Link href="/" onClick={leaveTo("/")}>
                  ← 报告列表
                </Link>
                <h1 id={EDITOR_TITLE_ID} tabIndex={-1}>
                  {title}
                  {initial.kind === "copy" && <span className="badge badge-warning">副本</span>}
                </h1>
              </div>
              <div className="editor-header-side">
                <SaveStatus session={session} store={autosave.store} />
                <Link href={`/reports/${reportId}/history`} onClick={leaveTo(`/reports/${reportId}/history`)}>
                  历史版本
                </Link>
              </div>
            </header>

            {initial.kind !== "example" && (
              <SessionReviewBar session={session} reportId={reportId} review={review} beforeAction={saveNow} onGoTo={goToStep} />
            )}

            {initial.kind === "example" && (
              <p className="banner" role="note">
                这是示例报告（湘潭县人民政府 2025
                年度报告原文），供熟悉填报方式之用：可以随意修改和导出，它不参与任何机关的跨年度核对。
              </p>
            )}

            <ImportReviewBanner session={session} />

            {localCopy && (
              <div role="alert" className="banner">
                本机保留有 {new Date(localCopy.savedAt).toLocaleString("zh-CN")} 尚未保存到服务器的修改。
                <button type="button" onClick={restoreLocalCopy}>
                  恢复本机修改
                </button>
                <button
                  type="button"
                  onClick={() => {
                    removeHeldCopy(reportId);
                    setLocalCopy(null);
                  }}
                >
                  放弃本机修改
                </button>
              </div>
            )}

            <SaveConflict
              store={autosave.store}
              onSettle={settleConflicts}
              onLoadServer={() => void loadServerVersion()}
              onKeepMine={() => void keepMineAsCopy()}
            />

            {notice && (
              <p className="notice" role="status">
                {notice}
                {duplicate && <DuplicateNotice existing={duplicate} />}
              </p>
            )}

            <div className="editor-body">
              <StepNav session={session} step={step} onSelect={(next) => goToStep(next, "first-field")} />

              <section className="step-content" aria-labelledby="step-title" ref={stepContent}>
                <h2 id="step-title">{editorSteps.find((item) => item.id === step)?.label}</h2>
                {activeSection &&
                  commentsAtSection(reviewState, activeSection.id).map((comment) => (
                    <p key={comment.id} className="section-comment" role="note">
                      审核意见（{comment.authorName}）：{comment.body}
                    </p>
                  ))}
                <fieldset className="step-fields" disabled={isLocked && !activeSection?.tableId && step !== "export"}>
                  {step === "info" && <InfoStep />}
                  {/* After the step's own fields: choosing a step gives its first field the keyboard. */}
                  {step === "info" && <LastYearFileImport session={session} />}
                  {step === "overview" && <OverviewStep />}
                  {activeSection?.tableId && (
                    <>
                      <p className="hint">{activeSection.hint}</p>
                      <LedgerTable key={activeSection.tableId} tableId={activeSection.tableId} session={session} />
                      {step === "applications" && <LastYearFileImport session={session} />}
                      <StepResults session={session} step={step} onJump={jumpTo} />
                    </>
                  )}
                  {(step === "problems" || step === "other_matters") && <SectionTextStep sectionId={step} />}
                </fieldset>
                {step === "export" && (
                  <Suspense fallback={<p className="muted">正在载入预览与导出…</p>}>
                    <ExportPanel
                      reportId={reportId}
                      session={session}
                      saveStore={autosave.store}
                      saveNow={saveNow}
                      onJump={jumpTo}
                      beforePreview={
                        <Suspense fallback={<p className="muted">正在载入与上年对比…</p>}>
                          <YearComparisonPanel session={session} previousYear={initial.previousYear} />
                        </Suspense>
                      }
                    />
                  </Suspense>
                )}
              </section>

              <ResultsPanel session={session} onJump={jumpTo} />
            </div>
          </main>
        </FormProvider>
      </ReviewContext.Provider>
    </EditorSessionContext.Provider>
  );
}
