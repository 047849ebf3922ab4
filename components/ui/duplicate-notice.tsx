import Link from "next/link";
import { ApiError } from "./api-client";

export type ExistingReport = { id: string; agencyName: string; year: number | null };

/** The report a refused creation would have duplicated (409 from POST /api/reports), if that was the reason. */
export function duplicateOf(error: unknown): ExistingReport | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const existing = (error.body as { existing?: Partial<ExistingReport> } | null)?.existing;
  return existing && typeof existing.id === "string"
    ? { id: existing.id, agencyName: existing.agencyName ?? "", year: existing.year ?? null }
    : null;
}

export function DuplicateNotice({ existing }: { existing: ExistingReport }) {
  return (
    <Link href={`/reports/${existing.id}`} className="duplicate-link">
      打开已有的{existing.agencyName}
      {existing.year}年度报告
    </Link>
  );
}
