export { deleteUnit as DELETE, patchUnit as PATCH } from "@/lib/api/admin-routes";

export const dynamic = "force-dynamic";
