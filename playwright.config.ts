import { defineConfig, devices } from "@playwright/test";
import { E2E_SETUP_CODE } from "./e2e/fixtures/accounts";
import { testPort } from "./e2e/fixtures/app-server";
import { chromiumLaunchOptions } from "./e2e/fixtures/chromium";

const port = process.env.E2E_PORT ? Number(process.env.E2E_PORT) : testPort(3100);
const isCi = Boolean(process.env.CI);

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: isCi,
  retries: isCi ? 1 : 0,
  // The JSON report feeds the one-line total that `npm test` prints last.
  reporter: [
    ["list"],
    ["json", { outputFile: "test-results-e2e.json" }],
    ...(isCi ? [["html", { open: "never" }] as const] : []),
  ],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "zh-CN",
    trace: "retain-on-failure",
    // Video needs Playwright's own ffmpeg download, which our machines cannot fetch.
    screenshot: "only-on-failure",
    contextOptions: { reducedMotion: "reduce" },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    {
      name: "chromium",
      dependencies: ["setup"],
      use: {
        ...devices["Desktop Chrome"],
        // Signed in as the administrator unless a test signs in as someone else.
        storageState: "e2e/.auth/admin.json",
        launchOptions: chromiumLaunchOptions,
      },
    },
  ],
  webServer: {
    // A fresh embedded store for every run: the tests create their own reports.
    command: "rm -rf .e2e-data && npm run build && npm start",
    env: { DATA_DIR: ".e2e-data", DATABASE_URL: "", HOST: "127.0.0.1", PORT: String(port), SETUP_CODE: E2E_SETUP_CODE },
    url: `http://127.0.0.1:${port}/login`,
    reuseExistingServer: !isCi,
    timeout: 600_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
