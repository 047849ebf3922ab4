"use client";

import Link from "next/link";
import { useRef, useState, useSyncExternalStore } from "react";
import { useFormContext } from "react-hook-form";
import { callApi, messageOf } from "@/components/ui/api-client";
import { DuplicateNotice, duplicateOf, type ExistingReport } from "@/components/ui/duplicate-notice";
import { PUBLISHED_REPORT_ACCEPT, uploadFile } from "@/components/ui/upload-file";
import type { EditorSession } from "@/lib/editor/editor-session";
import type { TReportTextFormValues } from "@/lib/editor/form-values";
import { getApplicationRow, tableName } from "@/lib/format";
import type { LastYearFile, NarrativeDraftOffer } from "@/lib/import/last-year-file";
import type { SourceType } from "@/lib/import/types";
import { carriedOverIsBlank } from "@/lib/report/carried-over";
import type { TReport } from "@/lib/report/report-schema";

type LastYearModule = typeof import("@/lib/import/last-year-file");

/** Reading last year's file, fetched when one is chosen: most editor pages never need it. */
const loadLastYear = (): Promise<LastYearModule> => import("@/lib/import/last-year-file");

type ReadResponse = { report: TReport; sourceType: SourceType };
type Outcome = { kind: "reading"; fileName: string } | { kind: "refused"; message: string } | { kind: "filled"; message: string };

/** “四、结转下年度继续办理” and “二、上年结转” of 表三, as the format prints them. */
const CARRIED_FORWARD = getApplicationRow("carried_forward").label;
const CARRIED_OVER = `${tableName("s3")}“${getApplicationRow("carried_over").shortLabel}”`;

const preview = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);

/**
 * 从上年已发布报告导入: last year's published file fills 表三 二、上年结转 from its
 * 四、结转下年度继续办理 (one undoable step) and offers its narrative as 沿用上年内容 drafts
 * for the fields still empty. The file is read, not stored, unless staff ask for it.
 */
export function LastYearFileImport({ session }: { session: EditorSession }) {
  const { getValues, setValue } = useFormContext<TReportTextFormValues>();
  const input = useRef<HTMLInputElement>(null);
  const isBlank = useSyncExternalStore(
    session.subscribe,
    () => carriedOverIsBlank(session.getReport()),
    () => carriedOverIsBlank(session.getReport()),
  );
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [file, setFile] = useState<LastYearFile | null>(null);
  const [offers, setOffers] = useState<NarrativeDraftOffer[]>([]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [draftsNote, setDraftsNote] = useState<string | null>(null);
  const [kept, setKept] = useState<{ message: string; id?: string; existing?: ExistingReport } | null>(null);
  const lastYearModule = useRef<LastYearModule | null>(null);

  if (!isBlank && !outcome && !file) return null;

  const read = async (chosenFile: File) => {
    setOutcome({ kind: "reading", fileName: chosenFile.name });
    setFile(null);
    setOffers([]);
    setDraftsNote(null);
    setKept(null);
    try {
      const [{ report, sourceType }, module] = await Promise.all([
        uploadFile<ReadResponse>("/api/import/read", chosenFile),
        loadLastYear(),
      ]);
      lastYearModule.current = module;
      const { withCarriedOverFromFile, narrativeDraftOffers } = module;
      const lastYear: LastYearFile = { report, fileName: chosenFile.name, sourceType };
      const result = withCarriedOverFromFile(session.getReport(), lastYear);
      if (!result.ok) {
        setOutcome({ kind: "refused", message: result.message });
        return;
      }
      session.applyLedgerStep(`从上年已发布报告“${chosenFile.name}”导入上年结转`, () => result.report);
      const current = session.getReport();
      const agency = report.info.agencyName.trim();
      const otherAgency =
        agency !== "" && agency !== current.info.agencyName.trim()
          ? `上年报告的机关名称是“${agency}”，请确认是本机关的报告。`
          : "";
      setOutcome({
        kind: "filled",
        message:
          `已从“${chosenFile.name}”（${report.info.year}年度）的“${CARRIED_FORWARD}”填入${CARRIED_OVER} ${result.filledCellIds.length} 格（Ctrl+Z 可撤销）` +
          (result.uncertainCellIds.length > 0
            ? `；其中 ${result.uncertainCellIds.length} 格导入上年报告时未能确认，已标为“请核对”。`
            : "。") +
          otherAgency,
      });
      const available = narrativeDraftOffers(current, report);
      setFile(lastYear);
      setOffers(available);
      setChosen(new Set(available.map((offer) => offer.id)));
    } catch (error) {
      setOutcome({
        kind: "refused",
        message: `“${chosenFile.name}”未能读取：${messageOf(error)}`,
      });
    } finally {
      if (input.current) input.current.value = "";
    }
  };

  /** The drafts go into the forms (which own the narrative); undo puts back only the fields not edited since. */
  const applyDrafts = () => {
    // The offers come from a file read, so its module is there.
    if (!file || !lastYearModule.current) return;
    const current = session.getReport();
    const next = lastYearModule.current.withNarrativeDrafts(current, file.report, chosen);
    const before = current.narrative;
    const fields = [
      ["narrative.overview.intro", (n: TReport["narrative"]) => n.overview.intro],
      ["narrative.overview.introCarriedFromLastYear", (n: TReport["narrative"]) => n.overview.introCarriedFromLastYear],
      ["narrative.overview.topics", (n: TReport["narrative"]) => n.overview.topics],
      ["narrative.problems.body", (n: TReport["narrative"]) => n.problems.body],
      ["narrative.problems.carriedFromLastYear", (n: TReport["narrative"]) => n.problems.carriedFromLastYear],
      ["narrative.other_matters.body", (n: TReport["narrative"]) => n.other_matters.body],
      ["narrative.other_matters.carriedFromLastYear", (n: TReport["narrative"]) => n.other_matters.carriedFromLastYear],
    ] as const;
    const write = (from: TReport["narrative"], to: TReport["narrative"]) => {
      for (const [path, value] of fields) {
        const target = value(to);
        if (JSON.stringify(value(from)) === JSON.stringify(target)) continue;
        // Only where the field still holds what this step found there.
        if (JSON.stringify(getValues(path)) !== JSON.stringify(value(from))) continue;
        setValue(path, target as never, { shouldDirty: true });
      }
    };
    write(before, next);
    const label = "沿用上年内容";
    session.pushHistory({ label, undo: () => write(next, before), redo: () => write(before, next) });
    setDraftsNote(`已把 ${chosen.size} 项上年内容填为草稿，标为“沿用上年内容”，修改后标记消失（Ctrl+Z 可撤销）`);
    setOffers([]);
  };

  const keepLastYear = async () => {
    if (!file) return;
    try {
      const { stored } = await callApi<{ stored: { id: string } }>("/api/reports", {
        method: "POST",
        json: { report: file.report },
      });
      setKept({ message: `已把“${file.fileName}”保存为${file.report.info.year}年度的报告`, id: stored.id });
    } catch (error) {
      setKept({ message: messageOf(error), existing: duplicateOf(error) ?? undefined });
    }
  };

  return (
    <section className="card last-year-import" aria-labelledby="last-year-import-title">
      <h3 id="last-year-import-title">从上年已发布报告导入</h3>
      <p className="hint">
        上年的报告不在本系统中？选择上年已发布的年度报告文件（PDF、Word .docx、网页或文本，不超过 20 MB）：用其“{CARRIED_FORWARD}
        ”填入{CARRIED_OVER}， 上年的文字可作为本年的草稿。上年的文件只读取，不保存为报告。
      </p>
      <label className="file-field">
        选择上年已发布的报告文件…
        <input
          ref={input}
          type="file"
          accept={PUBLISHED_REPORT_ACCEPT}
          disabled={outcome?.kind === "reading"}
          onChange={(event) => {
            const chosenFile = event.currentTarget.files?.[0];
            if (chosenFile) void read(chosenFile);
          }}
        />
      </label>
      {outcome?.kind === "reading" && (
        <p role="status" className="muted">
          正在读取“{outcome.fileName}”…
        </p>
      )}
      {outcome?.kind === "refused" && (
        <p role="alert" className="alert">
          {outcome.message}
        </p>
      )}
      {outcome?.kind === "filled" && (
        <p role="status" className="notice">
          {outcome.message}
        </p>
      )}
      {offers.length > 0 && (
        <fieldset className="draft-offers">
          <legend>沿用上年内容（只填入本年尚空的部分）</legend>
          {offers.map((offer) => (
            <label key={offer.id} className="draft-offer">
              <input
                type="checkbox"
                checked={chosen.has(offer.id)}
                onChange={(event) => {
                  const next = new Set(chosen);
                  if (event.currentTarget.checked) next.add(offer.id);
                  else next.delete(offer.id);
                  setChosen(next);
                }}
              />
              <span>
                {offer.label}
                <span className="muted">：{preview(offer.text)}</span>
              </span>
            </label>
          ))}
          <div className="actions">
            <button type="button" disabled={chosen.size === 0} onClick={applyDrafts}>
              沿用所选内容
            </button>
            <button type="button" onClick={() => setOffers([])}>
              不沿用
            </button>
          </div>
        </fieldset>
      )}
      {draftsNote && (
        <p role="status" className="notice">
          {draftsNote}
        </p>
      )}
      {file && (
        <p className="hint">
          {kept ? (
            <>
              {kept.message}
              {kept.id && <Link href={`/reports/${kept.id}`}>（打开）</Link>}
              {kept.existing && <DuplicateNotice existing={kept.existing} />}
            </>
          ) : (
            <button type="button" className="link-button" onClick={() => void keepLastYear()}>
              把上年的报告也保存到本系统（{file.report.info.year}年度）
            </button>
          )}
        </p>
      )}
    </section>
  );
}
