"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { callApi, messageOf } from "@/components/ui/api-client";
import { FieldError, invalidFieldProps } from "@/components/ui/field-error";
import { type TLoginForm, ZLoginForm } from "@/lib/auth/auth-forms";

/** Username and password; after login back to where the person was going. */
export function LoginForm({ next }: { next: string }) {
  const form = useForm<TLoginForm>({ resolver: zodResolver(ZLoginForm), defaultValues: { username: "", password: "" } });
  const [message, setMessage] = useState<string | null>(null);
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    try {
      await callApi("/api/auth/login", { method: "POST", json: values });
      // A full load: the layout and every page read the new session on the server.
      window.location.assign(next);
    } catch (error) {
      setMessage(messageOf(error));
    }
  });
  const { errors, isSubmitting } = form.formState;
  return (
    <form className="auth-form" onSubmit={onSubmit} noValidate>
      <label className="field">
        用户名
        <input
          {...form.register("username")}
          {...invalidFieldProps("login-username", errors.username?.message)}
          autoComplete="username"
          // biome-ignore lint/a11y/noAutofocus: the login page has one task, and the user name is where it starts
          autoFocus
        />
      </label>
      <FieldError name="login-username" message={errors.username?.message} />
      <label className="field">
        密码
        <input
          type="password"
          {...form.register("password")}
          {...invalidFieldProps("login-password", errors.password?.message)}
          autoComplete="current-password"
        />
      </label>
      <FieldError name="login-password" message={errors.password?.message} />
      <button type="submit" className="primary" disabled={isSubmitting}>
        {isSubmitting ? "正在登录…" : "登录"}
      </button>
      {message && (
        <p role="alert" className="alert">
          {message}
        </p>
      )}
      <p className="hint">忘记密码请联系本单位的管理员重设。</p>
    </form>
  );
}
