export { ReportNotFoundPage as default } from "@/components/layout/not-found-page";
