export { HomePage as default } from "@/components/home/home-page";

export const dynamic = "force-dynamic";
