export { getReport as GET, saveReport as PUT, deleteReport as DELETE } from "@/lib/api/report-routes";

export const dynamic = "force-dynamic";
