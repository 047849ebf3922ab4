"use client";

import { type ReactNode, useState, useSyncExternalStore } from "react";
import { downloadApi, messageOf } from "@/components/ui/api-client";
import type { EditorSession } from "@/lib/editor/editor-session";
import type { RuleResult } from "@/lib/format/rule-catalogue";
import { type SaveStateStore, useSaveState } from "./use-autosave";

type ExportFormat = "docx" | "pdf" | "html";
const formatNames: Record<ExportFormat, string> = { docx: "Word（DOCX）", pdf: "PDF", html: "网页（HTML）" };

function download(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

type ExportPanelProps = {
  reportId: string;
  session: EditorSession;
  /** The autosave's state: the preview follows what is stored, changing after every save. */
  saveStore: SaveStateStore;
  saveNow: () => Promise<void>;
  onJump: (result: RuleResult) => void;
  /** Shown between the export buttons and the preview (与上年对比). */
  beforePreview?: ReactNode;
};

export function ExportPanel({ reportId, session, saveStore, saveNow, onJump, beforePreview }: ExportPanelProps) {
  const saveState = useSaveState(saveStore);
  const savedVersion = saveState.kind === "saved" ? saveState.at.toISOString() : "pending";
  const results = useSyncExternalStore(session.subscribe, session.getResults, session.getResults);
  const errors = results.filter((item) => item.severity === "error");
  const warnings = results.filter((item) => item.severity === "warning");
  const [progress, setProgress] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; isError: boolean } | null>(null);
  const isDraft = errors.length > 0;

  const fetchExport = async (format: ExportFormat, draft: boolean, fragment = false) => {
    await saveNow();
    const query = `format=${format}&draft=${draft ? 1 : 0}${fragment ? "&fragment=1" : ""}`;
    return downloadApi(`/api/reports/${reportId}/export?${query}`, `report.${format}`);
  };

  const exportFile = async (format: ExportFormat, draft: boolean) => {
    setMessage(null);
    setProgress(`正在生成${draft ? "草稿" : ""}${formatNames[format]}…`);
    try {
      const { response, fileName } = await fetchExport(format, draft);
      download(await response.blob(), fileName);
      setMessage({ text: `已导出：${fileName}`, isError: false });
    } catch (error) {
      setMessage({ text: messageOf(error), isError: true });
    } finally {
      setProgress(null);
    }
  };

  const copyHtml = async () => {
    setMessage(null);
    setProgress("正在生成网页代码…");
    let text: string;
    try {
      const { response } = await fetchExport("html", isDraft, true);
      text = await response.text();
    } catch (error) {
      setMessage({ text: messageOf(error), isError: true });
      setProgress(null);
      return;
    }
    try {
      await navigator.clipboard.writeText(text);
      setMessage({
        text: "已复制网页代码（只含正文，不含 <head> 和 <meta charset>，粘贴到网站时不需要），可直接粘贴到网站内容管理系统的源代码编辑框",
        isError: false,
      });
    } catch {
      setMessage({ text: "浏览器不允许写入剪贴板，请改用“导出网页（HTML）”下载文件", isError: true });
    } finally {
      setProgress(null);
    }
  };

  const formats: ExportFormat[] = ["docx", "pdf", "html"];
  return (
    <div className="export-panel">
      {isDraft ? (
        <section className="banner banner-error" aria-label="不能导出正式版本">
          <p>
            报告还有 {errors.length} 个错误，不能导出正式版本。请逐条改正（点击跳到对应单元格），或导出草稿：草稿每页标注“草稿 —
            未通过校验”。
          </p>
          <ul>
            {errors.map((result, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: results have no identity (one rule can report the same cells twice); the list is rebuilt on each check and its items hold no state
              <li key={index}>
                <button type="button" className="link-button" onClick={() => onJump(result)}>
                  {result.message}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <p className="notice">校验通过，可以导出正式版本。</p>
      )}
      {warnings.length > 0 && (
        <details>
          <summary>{warnings.length} 个警告（不影响导出）</summary>
          <ul>
            {warnings.map((result, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: results have no identity (one rule can report the same cells twice); the list is rebuilt on each check and its items hold no state
              <li key={index}>{result.message}</li>
            ))}
          </ul>
        </details>
      )}
      <div className="export-buttons">
        {formats.map((format) => (
          <button
            key={format}
            type="button"
            disabled={isDraft || progress !== null}
            onClick={() => void exportFile(format, false)}
          >
            导出{formatNames[format]}
          </button>
        ))}
        {isDraft &&
          formats.map((format) => (
            <button
              key={`draft-${format}`}
              type="button"
              disabled={progress !== null}
              onClick={() => void exportFile(format, true)}
            >
              导出草稿{formatNames[format]}
            </button>
          ))}
        <button type="button" disabled={progress !== null} onClick={() => void copyHtml()}>
          复制网页代码
        </button>
      </div>
      {progress && (
        <p role="status" className="progress">
          <span className="spinner" aria-hidden="true" /> {progress}
        </p>
      )}
      {message && (
        <p role={message.isError ? "alert" : "status"} className={message.isError ? "field-error" : "notice"}>
          {message.text}
        </p>
      )}
      {beforePreview}
      <h3>预览（按已保存的内容排版，与导出的 PDF 逐页相同）</h3>
      <PdfPreview
        key={savedVersion}
        src={`/api/reports/${reportId}/export?format=pdf&draft=1&inline=1&v=${encodeURIComponent(savedVersion)}`}
      />
    </div>
  );
}

/** The PDF takes a second or two to typeset: say so instead of showing an empty grey frame. */
function PdfPreview({ src }: { src: string }) {
  const [isLoaded, setIsLoaded] = useState(false);
  return (
    <div className="preview">
      {!isLoaded && (
        <p className="preview-loading" role="status">
          <span className="spinner" aria-hidden="true" /> 正在生成预览，请稍候…
        </p>
      )}
      <iframe title="报告预览" className="preview-frame" src={src} onLoad={() => setIsLoaded(true)} />
    </div>
  );
}
