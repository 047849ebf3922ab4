import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "@": fileURLToPath(new URL(".", import.meta.url)) },
  },
  test: {
    include: ["*.test.ts", "lib/**/*.test.ts", "cli/**/*.test.ts", "fixtures/**/*.test.ts"],
    environment: "node",
    // Password hashing and fresh embedded stores take seconds of CPU; on a loaded 2-core machine
    // vitest's 5 s default failed tests that were right. Time is never what a test judges.
    testTimeout: 30_000,
  },
});
