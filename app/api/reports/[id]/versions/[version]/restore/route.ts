export { restoreVersion as POST } from "@/lib/api/report-routes";
