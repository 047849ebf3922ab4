export { AccountPage as default } from "@/components/auth/auth-pages";

export const dynamic = "force-dynamic";
