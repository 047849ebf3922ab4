export { HistoryPage as default } from "@/components/history/history-page";

export const dynamic = "force-dynamic";
