export { HelpPage as default } from "@/components/help/help-page";

export const dynamic = "force-dynamic";

export const metadata = { title: "帮助" };
