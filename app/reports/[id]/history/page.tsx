import { reportPageMetadata } from "@/components/layout/report-page-title";

export { HistoryPage as default } from "@/components/history/history-page";

export const dynamic = "force-dynamic";

export const generateMetadata = async ({ params }: { params: Promise<{ id: string }> }) =>
  reportPageMetadata((await params).id, "历史版本");
