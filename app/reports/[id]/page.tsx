import { reportPageMetadata } from "@/components/layout/report-page-title";

export { EditorPage as default } from "@/components/editor/editor-page";

export const dynamic = "force-dynamic";

export const generateMetadata = async ({ params }: { params: Promise<{ id: string }> }) =>
  reportPageMetadata((await params).id, "编辑");
