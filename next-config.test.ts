import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

describe("next.config.js", () => {
  it("turns Next's telemetry off for build, dev and the server, so an intranet server never tries to reach the internet", () => {
    const home = mkdtempSync(path.join(os.tmpdir(), "nianbaotong-telemetry-"));
    try {
      // A fresh process and a fresh user folder, as on a new office server: Next decides from its own storage.
      const probe = `require("./next.config.js");
        const { Telemetry } = require("next/dist/telemetry/storage");
        const telemetry = new Telemetry({ distDir: ${JSON.stringify(path.join(home, ".next"))} });
        console.log(JSON.stringify({ enabled: telemetry.isEnabled }));`;
      const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CONFIG_HOME: home, CI: "" };
      delete env.NEXT_TELEMETRY_DISABLED;
      const output = execFileSync(process.execPath, ["-e", probe], { cwd: __dirname, env, encoding: "utf8" });
      expect(output).not.toContain("telemetry");
      expect(JSON.parse(output.trim().split("\n").at(-1)!)).toEqual({ enabled: false });
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
