export { getRevision as GET } from "@/lib/api/report-routes";
