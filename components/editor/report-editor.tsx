"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState, useSyncExternalStore } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { reportTitle } from "@/lib/document/build-report-document";
import { getSection } from "@/lib/format";
import { EditorSession } from "@/lib/editor/editor-session";
import { editorSteps, resultStep, type EditorStepId } from "@/lib/editor/result-steps";
import type { RuleResult } from "@/lib/ledger/check-ledger";
import type { TReport } from "@/lib/report/report-schema";
import { ApiError, callApi, formatTime } from "@/components/ui/api-client";
import { ResultsPanel, StepNav, StepResults } from "./editor-sidebars";
import { ExportPanel } from "./export-panel";
import { cellDomId } from "./ledger-cell";
import { LedgerTable } from "./ledger-table";
import { ZReportTextForm, type TReportTextForm, type TReportTextFormInput } from "./report-form-schema";
import { InfoStep, OverviewStep, SectionTextStep } from "./text-steps";
import { readLocalCopy, removeLocalCopy, useAutosave, type LocalCopy, type SaveState } from "./use-autosave";

export type EditorInitialData = {
  reportId: string;
  report: TReport;
  revision: number;
  updatedAt: string;
  previousYear: TReport | null;
};

type StoredResponse = { stored: { id: string; revision: number; updatedAt: string; report: TReport } };

function saveStatusText(state: SaveState): string {
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

const textFormValues = (report: TReport): TReportTextFormInput => ({ info: report.info, narrative: report.narrative });

export function ReportEditor({ initial }: { initial: EditorInitialData }) {
  const router = useRouter();
  const { reportId } = initial;
  const [session] = useState(() => new EditorSession(initial.report, { previousYear: initial.previousYear }));
  const form = useForm<TReportTextFormInput, unknown, TReportTextForm>({
    resolver: zodResolver(ZReportTextForm),
    defaultValues: textFormValues(initial.report),
    mode: "onChange",
  });
  const autosave = useAutosave(session, reportId, initial.revision, new Date(initial.updatedAt));
  const [step, setStep] = useState<EditorStepId>("info");
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const [localCopy, setLocalCopy] = useState<LocalCopy | null>(null);
  const [notice, setNotice] = useState<string | null>(null);


  useEffect(() => {
    const subscription = form.watch((values) => {
      const parsed = ZReportTextForm.safeParse(values);
      if (parsed.success) session.updateReport((report) => ({ ...report, ...parsed.data }));
    });
    return () => subscription.unsubscribe();
  }, [form, session]);

  useEffect(() => {
    const copy = readLocalCopy(reportId);
    if (!copy) return;
    const differs =
      JSON.stringify(copy.report) !== JSON.stringify(initial.report) || Object.keys(copy.rejectedTexts).length > 0;
    if (differs) setLocalCopy(copy);
    else removeLocalCopy(reportId);
  }, [initial.report, reportId]);

  useEffect(() => {
    if (!focusTarget) return;
    const element = document.getElementById(focusTarget);
    if (element) {
      element.focus();
      element.scrollIntoView({ block: "center" });
      setFocusTarget(null);
    }
  }, [focusTarget, step]);

  const jumpTo = useCallback((result: RuleResult) => {
    setStep(resultStep(result));
    const [cellId] = result.cellIds;
    if (cellId) setFocusTarget(cellDomId(cellId));
  }, []);

  const restoreLocalCopy = () => {
    if (!localCopy) return;
    // Replacing the report is a change like any other: autosave sends it on the current revision.
    session.replaceReport(localCopy.report, localCopy.rejectedTexts);
    form.reset(textFormValues(localCopy.report));
    setLocalCopy(null);
    setNotice("已恢复本机保留的修改");
  };

  const loadServerVersion = async () => {
    try {
      const { stored } = await callApi<{ stored: StoredResponse["stored"] }>(`/api/reports/${reportId}`);
      session.replaceReport(stored.report);
      form.reset(textFormValues(stored.report));
      removeLocalCopy(reportId);
      autosave.resetTo(stored.revision, new Date(stored.updatedAt));
      setNotice(`已载入服务器上的第 ${stored.revision} 版`);
    } catch (error) {
      setNotice(error instanceof ApiError ? error.message : String(error));
    }
  };

  const keepMineAsCopy = async () => {
    try {
      const { stored } = await callApi<StoredResponse>("/api/reports", {
        method: "POST",
        json: { report: session.getReport() },
      });
      removeLocalCopy(reportId);
      router.push(`/reports/${stored.id}`);
    } catch (error) {
      setNotice(error instanceof ApiError ? error.message : String(error));
    }
  };

  const title = useSyncExternalStore(
    session.subscribe,
    () => reportTitle(session.getReport().info),
    () => reportTitle(initial.report.info),
  );
  const activeSection = step === "info" || step === "export" ? null : getSection(step);

  return (
    <FormProvider {...form}>
      <div className="editor">
        <header className="editor-header">
          <div>
            <Link href="/">← 报告列表</Link>
            <h1>{title}</h1>
          </div>
          <div className="editor-header-side">
            <p role="status" aria-live="polite" className={`save-status save-${autosave.state.kind}`} data-testid="save-status">
              {saveStatusText(autosave.state)}
            </p>
            <Link href={`/reports/${reportId}/history`}>历史版本</Link>
          </div>
        </header>

        {localCopy && (
          <div role="alert" className="banner">
            本机保留有 {new Date(localCopy.savedAt).toLocaleString("zh-CN")} 尚未保存到服务器的修改。
            <button type="button" onClick={restoreLocalCopy}>
              恢复本机修改
            </button>
            <button
              type="button"
              onClick={() => {
                removeLocalCopy(reportId);
                setLocalCopy(null);
              }}
            >
              放弃本机修改
            </button>
          </div>
        )}

        {autosave.state.kind === "conflict" && (
          <div role="alertdialog" aria-labelledby="conflict-title" className="banner banner-error">
            <h2 id="conflict-title">保存冲突</h2>
            <p>{autosave.state.message}。本页的修改没有覆盖服务器上的内容，已在本机保留。</p>
            <button type="button" onClick={() => void loadServerVersion()}>
              载入服务器上的版本（放弃本页修改）
            </button>
            <button type="button" onClick={() => void keepMineAsCopy()}>
              把本页的版本另存为一份新报告
            </button>
          </div>
        )}

        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}

        <div className="editor-body">
          <StepNav session={session} step={step} onSelect={setStep} />

          <section className="step-content" aria-labelledby="step-title">
            <h2 id="step-title">{editorSteps.find((item) => item.id === step)?.label}</h2>
            {step === "info" && <InfoStep />}
            {step === "overview" && <OverviewStep />}
            {activeSection?.tableId && (
              <>
                <p className="hint">{activeSection.hint}</p>
                <LedgerTable key={activeSection.tableId} tableId={activeSection.tableId} session={session} />
                <StepResults session={session} step={step} onJump={jumpTo} />
              </>
            )}
            {(step === "problems" || step === "other_matters") && <SectionTextStep sectionId={step} />}
            {step === "export" && (
              <ExportPanel
                reportId={reportId}
                session={session}
                savedVersion={autosave.state.kind === "saved" ? autosave.state.at.toISOString() : "pending"}
                saveNow={autosave.saveNow}
                onJump={jumpTo}
              />
            )}
          </section>

          <ResultsPanel session={session} onJump={jumpTo} />
        </div>
      </div>
    </FormProvider>
  );
}
