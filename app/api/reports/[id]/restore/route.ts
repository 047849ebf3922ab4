export { restoreDeletedReport as POST } from "@/lib/api/report-routes";
