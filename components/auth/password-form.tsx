"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { callApi, messageOf } from "@/components/ui/api-client";
import { FieldError, invalidFieldProps } from "@/components/ui/field-error";
import { type TPasswordForm, ZPasswordForm } from "@/lib/auth/auth-forms";

/** One's own password; `next`: where to go once it is changed (after the first-password page). */
export function PasswordForm({ next, firstPassword = false }: { next?: string; firstPassword?: boolean } = {}) {
  const form = useForm<TPasswordForm>({
    resolver: zodResolver(ZPasswordForm),
    defaultValues: { currentPassword: "", newPassword: "", confirm: "" },
  });
  const [message, setMessage] = useState<{ text: string; isError: boolean } | null>(null);
  const onSubmit = form.handleSubmit(async ({ confirm: _confirm, ...values }) => {
    setMessage(null);
    try {
      await callApi("/api/auth/password", { method: "POST", json: values });
      form.reset();
      if (next) {
        // A full load: the pages read the changed account on the server.
        window.location.assign(next);
        return;
      }
      setMessage({ text: "密码已修改；其他设备上的登录已退出。", isError: false });
    } catch (error) {
      setMessage({ text: messageOf(error), isError: true });
    }
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form className="auth-form" onSubmit={onSubmit} noValidate aria-label="修改密码">
      <label className="field">
        {firstPassword ? "管理员给您的初始密码" : "当前密码"}
        <input
          // biome-ignore lint/a11y/noAutofocus: the first-password page has this one task
          autoFocus={firstPassword}
          type="password"
          {...form.register("currentPassword")}
          {...invalidFieldProps("password-current", errors.currentPassword?.message)}
          autoComplete="current-password"
        />
      </label>
      <FieldError name="password-current" message={errors.currentPassword?.message} />
      <label className="field">
        新密码（至少 8 个字符）
        <input
          type="password"
          {...form.register("newPassword")}
          {...invalidFieldProps("password-new", errors.newPassword?.message)}
          autoComplete="new-password"
        />
      </label>
      <FieldError name="password-new" message={errors.newPassword?.message} />
      <label className="field">
        再次输入新密码
        <input
          type="password"
          {...form.register("confirm")}
          {...invalidFieldProps("password-confirm", errors.confirm?.message)}
          autoComplete="new-password"
        />
      </label>
      <FieldError name="password-confirm" message={errors.confirm?.message} />
      <button type="submit" className={firstPassword ? "primary" : undefined} disabled={isSubmitting}>
        {firstPassword ? "修改密码并继续" : "修改密码"}
      </button>
      {message && (
        <p role={message.isError ? "alert" : "status"} className={message.isError ? "alert" : "notice"}>
          {message.text}
        </p>
      )}
    </form>
  );
}
