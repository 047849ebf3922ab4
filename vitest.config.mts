import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "@": fileURLToPath(new URL(".", import.meta.url)) },
  },
  test: {
    include: ["*.test.ts", "lib/**/*.test.ts", "cli/**/*.test.ts", "fixtures/**/*.test.ts"],
    environment: "node",
  },
});
