import type { Metadata } from "next";
import { optionalPageContext } from "@/lib/api/page-context";

/** “湘潭县人民政府 2025年度 · 编辑”: the report a tab shows, read as the page itself reads it (scoped). */
export async function reportPageMetadata(id: string, what: string): Promise<Metadata> {
  const context = await optionalPageContext();
  const stored = context && !context.mustChangePassword ? await context.store.getReport(id) : null;
  if (!stored) return { title: "找不到这份报告" };
  const { agencyName, year } = stored.report.info;
  return { title: `${agencyName || "未填机关名称"} ${year ? `${year}年度` : ""} · ${what}`.replace("  ", " ") };
}
