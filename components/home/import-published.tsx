"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { EDITOR_TITLE_ID } from "@/components/editor/editor-ids";
import { ApiError, messageOf } from "@/components/ui/api-client";
import { focusOnArrival } from "@/components/ui/arrival-focus";
import { DuplicateNotice, duplicateOf, type ExistingReport } from "@/components/ui/duplicate-notice";
import { PUBLISHED_REPORT_ACCEPT, uploadFile } from "@/components/ui/upload-file";
import { givenYearMessage, parseGivenYear } from "@/lib/import/limits";

type ImportState =
  | { kind: "idle" }
  | { kind: "reading"; fileName: string }
  | { kind: "refused"; message: string }
  /** The file prints no year: it waits for one typed in the 年度 field. */
  | { kind: "needs_year"; message: string; file: File }
  | { kind: "duplicate"; message: string; existing: ExistingReport; file: File };

const refusalReason = (error: unknown) =>
  error instanceof ApiError && typeof error.body === "object" && error.body !== null && "reason" in error.body
    ? String(error.body.reason)
    : null;

/** 导入已发布的报告: a published 年报 file becomes a new report of its agency and year, opened in the editor. */
export function ImportPublished() {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const yearInput = useRef<HTMLInputElement>(null);
  const yearId = useId();
  const [year, setYear] = useState("");
  const [state, setState] = useState<ImportState>({ kind: "idle" });
  const givenYear = year.trim() === "" ? null : parseGivenYear(year);
  const yearProblem = year.trim() !== "" && givenYear === null ? givenYearMessage(year.trim()) : null;

  const upload = async (file: File, asCopy = false) => {
    if (yearProblem) {
      setState({ kind: "refused", message: yearProblem });
      yearInput.current?.focus();
      return;
    }
    setState({ kind: "reading", fileName: file.name });
    const query = new URLSearchParams();
    if (asCopy) query.set("as", "copy");
    if (givenYear !== null) query.set("year", String(givenYear));
    try {
      const { stored } = await uploadFile<{ stored: { id: string } }>(`/api/import${query.toString() ? `?${query}` : ""}`, file);
      focusOnArrival(`/reports/${stored.id}`, EDITOR_TITLE_ID);
      router.push(`/reports/${stored.id}`);
    } catch (error) {
      const message = messageOf(error);
      const existing = duplicateOf(error);
      if (refusalReason(error) === "no_year") {
        setState({ kind: "needs_year", message: `“${file.name}”中没有写明年度：请在“年份”中填写后导入`, file });
        yearInput.current?.focus();
        return;
      }
      setState(
        existing
          ? { kind: "duplicate", message, existing, file }
          : { kind: "refused", message: `“${file.name}”未能导入：${message}` },
      );
    } finally {
      // Choosing the same file again is a new attempt.
      if (input.current) input.current.value = "";
    }
  };

  return (
    <section aria-labelledby="import-published" className="card">
      <h2 id="import-published">导入已发布的报告</h2>
      <p className="hint">
        已发布的年度报告（PDF、Word .docx、网页 .html 或文本 .txt，不超过 20
        MB）读入为该机关、该年度的一份报告：表格数字按原样读入， 没有把握的数字标为“请核对”，逐格核对后确认。
      </p>
      <div className="import-fields">
        <label className="file-field">
          选择已发布的报告文件…
          <input
            ref={input}
            type="file"
            accept={PUBLISHED_REPORT_ACCEPT}
            disabled={state.kind === "reading"}
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              if (file) void upload(file);
            }}
          />
        </label>
        <span className="year-field">
          <label htmlFor={yearId}>年份</label>
          <input
            id={yearId}
            ref={yearInput}
            className="year-input"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            maxLength={6}
            placeholder="如 2025"
            value={year}
            aria-invalid={yearProblem !== null || state.kind === "needs_year"}
            aria-describedby={`${yearId}-hint`}
            onChange={(event) => setYear(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter" && state.kind === "needs_year" && givenYear !== null) void upload(state.file);
            }}
          />
          <span id={`${yearId}-hint`} className="muted">
            {yearProblem ?? "文件中没有写明年度时使用，可不填"}
          </span>
        </span>
      </div>
      {state.kind === "reading" && (
        <p role="status" className="muted">
          正在读取“{state.fileName}”…
        </p>
      )}
      {state.kind === "refused" && (
        <p role="alert" className="alert">
          {state.message}
        </p>
      )}
      {state.kind === "needs_year" && (
        <div role="alert" className="alert">
          <p>{state.message}</p>
          <button type="button" disabled={givenYear === null} onClick={() => void upload(state.file)}>
            {givenYear === null ? "填写年度后导入" : `按 ${givenYear} 年导入“${state.file.name}”`}
          </button>
        </div>
      )}
      {state.kind === "duplicate" && (
        <div role="alert" className="alert">
          <p>{state.message}</p>
          <DuplicateNotice existing={state.existing} />
          <button type="button" onClick={() => void upload(state.file, true)}>
            把“{state.file.name}”导入为副本
          </button>
        </div>
      )}
    </section>
  );
}
