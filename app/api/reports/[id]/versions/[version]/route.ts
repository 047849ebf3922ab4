export { getVersion as GET } from "@/lib/api/report-routes";
