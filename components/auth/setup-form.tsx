"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { callApi, messageOf } from "@/components/ui/api-client";
import { FieldError, invalidFieldProps } from "@/components/ui/field-error";
import { type TSetupForm, ZSetupForm } from "@/lib/auth/auth-forms";

/** First run: the code from the server's console, the first unit and its administrator. */
export function SetupForm() {
  const form = useForm<TSetupForm>({
    resolver: zodResolver(ZSetupForm),
    defaultValues: { code: "", unitName: "", username: "admin", name: "", password: "", confirm: "" },
  });
  const [message, setMessage] = useState<string | null>(null);
  const onSubmit = form.handleSubmit(async ({ confirm: _confirm, ...values }) => {
    setMessage(null);
    try {
      await callApi("/api/setup", { method: "POST", json: values });
      window.location.assign("/admin");
    } catch (error) {
      setMessage(messageOf(error));
    }
  });
  const { errors, isSubmitting } = form.formState;
  const field = (name: keyof TSetupForm, label: string, extra: Record<string, unknown> = {}) => (
    <>
      <label className="field">
        {label}
        <input {...form.register(name)} {...invalidFieldProps(`setup-${name}`, errors[name]?.message)} {...extra} />
      </label>
      <FieldError name={`setup-${name}`} message={errors[name]?.message} />
    </>
  );
  return (
    <form className="auth-form" onSubmit={onSubmit} noValidate>
      {field("code", "首次设置代码（见服务器启动时的控制台输出）", {
        autoComplete: "off",
        autoFocus: true,
        placeholder: "如 ABCD-EFGH",
      })}
      {field("unitName", "本单位全称（单位树的第一个单位）", { placeholder: "如：湘潭县人民政府" })}
      {field("name", "管理员姓名")}
      {field("username", "管理员用户名", { autoComplete: "username" })}
      {field("password", "密码（至少 8 个字符）", { type: "password", autoComplete: "new-password" })}
      {field("confirm", "再次输入密码", { type: "password", autoComplete: "new-password" })}
      <button type="submit" className="primary" disabled={isSubmitting}>
        {isSubmitting ? "正在设置…" : "完成设置并登录"}
      </button>
      {message && (
        <p role="alert" className="alert">
          {message}
        </p>
      )}
    </form>
  );
}
