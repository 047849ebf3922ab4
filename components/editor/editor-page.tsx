import { notFound } from "next/navigation";
import { requirePageContext } from "@/lib/api/page-context";
import { loadReportWithPreviousYear } from "@/lib/api/report-routes";
import { scopeIncludes } from "@/lib/auth/access";
import { reportStatusLabels } from "@/lib/store/report-store";
import { ReportEditor } from "./report-editor";

export async function EditorPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { store, scopes, actor } = await requirePageContext(`/reports/${id}`);
  const loaded = await loadReportWithPreviousYear(store, id);
  if (!loaded) notFound();
  const { stored, previousYear } = loaded;
  const [transitions, comments] = await Promise.all([store.listTransitions(id), store.listComments(id)]);
  const last = transitions.at(-1) ?? null;
  // The store refuses it too: a reviewer never approves their own submission (the 管理员 may).
  const submittedBy = transitions.findLast((transition) => transition.toStatus === "submitted")?.userId;
  const isOwnSubmission = actor.role !== "admin" && submittedBy === actor.userId;
  return (
    <ReportEditor
      initial={{
        reportId: stored.id,
        report: stored.report,
        kind: stored.kind,
        revision: stored.revision,
        updatedAt: stored.updatedAt.toISOString(),
        previousYear,
        review: {
          status: stored.status,
          statusLabel: reportStatusLabels[stored.status],
          correctionReason: stored.correctionReason,
          lastTransition: last && {
            userName: last.userName,
            at: last.at.toISOString(),
            comment: last.comment,
            toStatus: last.toStatus,
          },
          comments: comments
            .filter((comment) => comment.resolvedAt === null)
            .map((comment) => ({ ...comment, createdAt: comment.createdAt.toISOString(), resolvedAt: null })),
          permissions: {
            canWrite: scopeIncludes(scopes.write, stored.unitId),
            canReview: scopeIncludes(scopes.review, stored.unitId),
            canApprove: scopeIncludes(scopes.review, stored.unitId) && !isOwnSubmission,
          },
        },
      }}
    />
  );
}
