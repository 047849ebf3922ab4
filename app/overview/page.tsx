export { OverviewPage as default } from "@/components/overview/overview-page";

export const dynamic = "force-dynamic";

export const metadata = { title: "审核总览" };
