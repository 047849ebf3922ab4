"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { ApiError } from "@/components/ui/api-client";
import { DuplicateNotice, duplicateOf, type ExistingReport } from "@/components/ui/duplicate-notice";
import { PUBLISHED_REPORT_ACCEPT, uploadFile } from "@/components/ui/upload-file";

type ImportState =
  | { kind: "idle" }
  | { kind: "reading"; fileName: string }
  | { kind: "refused"; message: string }
  | { kind: "duplicate"; message: string; existing: ExistingReport; file: File };

/** 导入已发布的报告: a published 年报 file becomes a new report of its agency and year, opened in the editor. */
export function ImportPublished() {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<ImportState>({ kind: "idle" });

  const upload = async (file: File, asCopy = false) => {
    setState({ kind: "reading", fileName: file.name });
    try {
      const { stored } = await uploadFile<{ stored: { id: string } }>(`/api/import${asCopy ? "?as=copy" : ""}`, file);
      router.push(`/reports/${stored.id}`);
    } catch (error) {
      const message = error instanceof ApiError ? error.message : String(error);
      const existing = duplicateOf(error);
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
