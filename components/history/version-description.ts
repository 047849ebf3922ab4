import { formatDateTime, formatTime } from "@/components/ui/api-client";
import { editorSteps } from "@/lib/editor/result-steps";
import { getCell } from "@/lib/format";
import type { VersionSummary } from "@/lib/store/report-store";

/** What a version did, as staff would say it: 新建, 恢复自第 N 版, or the sections and cells changed. */
export function describeVersion(
  version: Pick<VersionSummary, "kind" | "restoredFromVersion" | "changedCells" | "changedSections">,
): string {
  if (version.kind === "create") return "新建";
  if (version.kind === "restore") return `恢复自第 ${version.restoredFromVersion ?? "?"} 版`;
  const parts = version.changedSections.map((section) =>
    section === "import_review"
      ? "导入数字的核对（请核对）"
      : (editorSteps.find((step) => step.id === section)?.label ?? section),
  );
  const cells = version.changedCells;
  if (cells.length > 0) {
    const named = cells.slice(0, 3).map((cellId) => getCell(cellId).name);
    parts.push(`${cells.length} 个单元格（${named.join("、")}${cells.length > 3 ? " 等" : ""}）`);
  }
  return parts.length > 0 ? `修改了${parts.join("；")}` : "没有改动内容";
}

/** A sitting's time span: 2026-01-12 14:02–14:35, or one moment. */
export function versionTime(version: Pick<VersionSummary, "startedAt" | "savedAt">): string {
  const started = new Date(version.startedAt);
  const saved = new Date(version.savedAt);
  const sameMinute = Math.abs(saved.getTime() - started.getTime()) < 60_000;
  return sameMinute ? formatDateTime(saved.toISOString()) : `${formatDateTime(started.toISOString())}—${formatTime(saved)}`;
}
