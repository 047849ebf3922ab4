export { EditorPage as default } from "@/components/editor/editor-page";

export const dynamic = "force-dynamic";
