import { z } from "zod";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./auth-limits";

/** The login, setup and password forms, shared by the pages (react-hook-form) and checked again by the server. */
export const ZLoginForm = z.object({
  username: z.string().trim().min(1, "请填写用户名").max(100),
  password: z.string().min(1, "请填写密码").max(200),
});
export type TLoginForm = z.infer<typeof ZLoginForm>;

const ZNewPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`)
  .max(MAX_PASSWORD_LENGTH, `密码不能超过 ${MAX_PASSWORD_LENGTH} 个字符`);

export const ZSetupForm = z
  .object({
    code: z.string().trim().min(1, "请填写服务器控制台显示的首次设置代码").max(40),
    unitName: z.string().trim().min(1, "请填写本单位的全称，如“湘潭县人民政府”").max(100),
    username: z.string().trim().min(2, "用户名至少 2 个字符").max(32),
    name: z.string().trim().min(1, "请填写姓名").max(50),
    password: ZNewPassword,
    confirm: z.string(),
  })
  .refine((form) => form.password === form.confirm, { message: "两次输入的密码不一致", path: ["confirm"] });
export type TSetupForm = z.infer<typeof ZSetupForm>;

export const ZPasswordForm = z
  .object({ currentPassword: z.string().min(1, "请填写当前密码"), newPassword: ZNewPassword, confirm: z.string() })
  .refine((form) => form.newPassword === form.confirm, { message: "两次输入的密码不一致", path: ["confirm"] });
export type TPasswordForm = z.infer<typeof ZPasswordForm>;

/** The fields of the administrator's account form an account error can be about (AccountError.field). */
export const accountFields = ["username", "name", "password", "unitId"] as const;
export type AccountField = (typeof accountFields)[number];
