import type { UserRole } from "@/lib/store/schema";

export type { UserRole } from "@/lib/store/schema";

/** The three roles of an office: 填报人 writes its unit's reports, 审核人 reviews its unit and those below, 管理员 runs the server. */
export const roleLabels: Record<UserRole, string> = {
  filler: "填报人",
  reviewer: "审核人",
  admin: "管理员",
};

export const isUserRole = (value: unknown): value is UserRole => typeof value === "string" && value in roleLabels;
