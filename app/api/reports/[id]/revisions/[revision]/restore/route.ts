export { restoreRevision as POST } from "@/lib/api/report-routes";
