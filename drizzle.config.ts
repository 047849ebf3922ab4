import { defineConfig } from "drizzle-kit";

// `npx drizzle-kit generate` writes the SQL migrations the store applies when it opens.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/store/schema.ts",
  out: "./lib/store/migrations",
});
