export { downloadBackup as GET } from "@/lib/api/backup-routes";

export const dynamic = "force-dynamic";
