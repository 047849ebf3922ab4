import { reportPageMetadata } from "@/components/layout/report-page-title";

export { VersionPage as default } from "@/components/history/version-page";

export const dynamic = "force-dynamic";

export const generateMetadata = async ({ params }: { params: Promise<{ id: string }> }) =>
  reportPageMetadata((await params).id, "历史版本");
