export { HelpPage as default } from "@/components/help/help-page";
