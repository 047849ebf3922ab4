export { deleteReport as DELETE, getReport as GET, saveReport as PUT } from "@/lib/api/report-routes";

export const dynamic = "force-dynamic";
