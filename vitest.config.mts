import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

/**
 * Three projects, so the edit loop can run the fast part alone (`npm run test:fast` runs `unit`);
 * `vitest run` (npm test, CI) runs all three.
 * - store: databases (embedded PGlite and the PostgreSQL server), accounts and API routes on them.
 * - fixtures: real and seed reports through the whole chain, and tests that start other programs
 *   (LibreOffice, pdftoppm, the OOXML validator, worker bundles, biome, a second Node).
 * - unit: everything else: pure functions in this process.
 */
const storeTests = ["lib/store/**/*.test.ts", "lib/auth/**/*.test.ts", "lib/api/**/*.test.ts"];
const fixtureTests = [
  "fixtures/**/*.test.ts",
  "next-config.test.ts",
  "lib/architecture.test.ts",
  "lib/import/pdfjs.test.ts",
  "lib/import/import-report.test.ts",
  "lib/import/read-any-report.test.ts",
  "lib/render/docx/docx-validity.test.ts",
  "lib/render/docx/seed-docx-pages.test.ts",
  "lib/render/pdf/render-report-pdf.test.ts",
  "lib/render/pdf/seed-pdfs.test.ts",
  "lib/worker-pool/**/*.test.ts",
];
const allTests = ["*.test.ts", "lib/**/*.test.ts", "cli/**/*.test.ts", "fixtures/**/*.test.ts"];

export default defineConfig({
  resolve: {
    alias: { "@": fileURLToPath(new URL(".", import.meta.url)) },
  },
  test: {
    environment: "node",
    // Password hashing and fresh embedded stores take seconds of CPU; on a loaded 2-core machine
    // vitest's 5 s default failed tests that were right. Time is never what a test judges.
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: allTests, exclude: [...configDefaults.exclude, ...storeTests, ...fixtureTests] },
      },
      { extends: true, test: { name: "fixtures", include: fixtureTests } },
      { extends: true, test: { name: "store", include: storeTests } },
    ],
  },
});
