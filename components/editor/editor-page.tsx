import { notFound } from "next/navigation";
import { loadReportWithPreviousYear } from "@/lib/api/report-routes";
import { ReportEditor } from "./report-editor";

export async function EditorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const loaded = await loadReportWithPreviousYear(id);
  if (!loaded) notFound();
  const { stored, previousYear } = loaded;
  return (
    <ReportEditor
      initial={{
        reportId: stored.id,
        report: stored.report,
        kind: stored.kind,
        revision: stored.revision,
        updatedAt: stored.updatedAt.toISOString(),
        previousYear,
      }}
    />
  );
}
