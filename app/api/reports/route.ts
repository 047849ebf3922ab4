export { listReports as GET, createReport as POST } from "@/lib/api/report-routes";

export const dynamic = "force-dynamic";
