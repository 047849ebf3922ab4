export { createReport as POST, listReports as GET } from "@/lib/api/report-routes";

export const dynamic = "force-dynamic";
