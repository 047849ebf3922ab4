export { VersionPage as default } from "@/components/history/version-page";

export const dynamic = "force-dynamic";
