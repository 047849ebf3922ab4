export { HelpPage as default } from "@/components/help/help-page";

export const dynamic = "force-dynamic";
