"use client";

import { callApi } from "@/components/ui/api-client";

export function LogoutButton() {
  return (
    <button
      type="button"
      className="link-button app-bar-button"
      onClick={async () => {
        await callApi("/api/auth/logout", { method: "POST", json: {} }).catch(() => undefined);
        window.location.assign("/login");
      }}
    >
      退出登录
    </button>
  );
}
