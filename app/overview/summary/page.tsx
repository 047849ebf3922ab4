export { SummaryPage as default } from "@/components/overview/summary-page";

export const dynamic = "force-dynamic";

export const metadata = { title: "汇总" };
