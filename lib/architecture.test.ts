import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";

/**
 * The layers of docs/architecture.md are enforced by biome.jsonc (noRestrictedImports per lib
 * folder). These tests write real files into the folders and run the real biome on them, so a
 * change to the configuration that stops catching a wrong-way import fails here.
 */
const root = path.resolve(__dirname, "..");
const biome = path.join(root, "node_modules", ".bin", "biome");
const written: string[] = [];

afterEach(async () => {
  await Promise.all(written.splice(0).map((file) => rm(file, { force: true })));
});

type Diagnostic = { category: string; message: string; location: { path: string } };

async function lintFile(relativePath: string, source: string): Promise<Diagnostic[]> {
  const file = path.join(root, relativePath);
  written.push(file);
  await writeFile(file, source);
  return lint([relativePath]);
}

async function lint(paths: string[]): Promise<Diagnostic[]> {
  // biome exits 1 when it reports an error; the JSON report is on stdout either way.
  const { stdout } = await promisify(execFile)(biome, ["lint", "--reporter=json", "--max-diagnostics=none", ...paths], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }));
  const report = JSON.parse(stdout) as { diagnostics: Diagnostic[] };
  return report.diagnostics.filter((diagnostic) => diagnostic.category === "lint/style/noRestrictedImports");
}

const scratch = (folder: string) => `lib/${folder}/layer-probe-${randomUUID().slice(0, 8)}.ts`;

describe("the layer rules in biome.jsonc", () => {
  it("refuse a wrong-way import in lib/format, the bottom layer", async () => {
    const found = await lintFile(
      scratch("format"),
      'import { checkLedger } from "@/lib/ledger/check-ledger";\n\nexport const probe = checkLedger;\n',
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("lib/format is the bottom layer");
  });

  it("refuse the imports the moves of issue 25 removed (report → narrative, ledger → document)", async () => {
    const report = await lintFile(
      scratch("report"),
      'import { checkNarrative } from "@/lib/narrative";\n\nexport const probe = checkNarrative;\n',
    );
    expect(report.map((diagnostic) => diagnostic.message)).toEqual([
      "Wrong-way import: lib/report may import only format, ledger (docs/architecture.md)",
    ]);
    const ledger = await lintFile(
      scratch("ledger"),
      'import { DRAFT_MARK } from "@/lib/document/report-document";\n\nexport const probe = DRAFT_MARK;\n',
    );
    expect(ledger).toHaveLength(1);
  });

  it("refuse a relative import into another lib folder, which the alias rules would not see", async () => {
    const found = await lintFile(
      scratch("format"),
      'import { checkLedger } from "../ledger/check-ledger";\n\nexport const probe = checkLedger;\n',
    );
    expect(found.map((diagnostic) => diagnostic.message)).toEqual([
      "Import another lib folder as @/lib/… so the layer rule sees it",
    ]);
  });

  it("let the store use the access model of lib/auth but nothing else of it", async () => {
    const found = await lintFile(
      scratch("store"),
      [
        'import { unitWithDescendants } from "@/lib/auth/access";',
        'import { prepareFirstRun } from "@/lib/auth/setup";',
        "",
        "export const probe = [unitWithDescendants, prepareFirstRun];",
        "",
      ].join("\n"),
    );
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain("lib/store may import only");
  });

  it("accept imports that go down the layers", async () => {
    const found = await lintFile(
      scratch("checks"),
      [
        'import { ruleCatalogue } from "@/lib/format/rule-catalogue";',
        'import { checkLedger } from "@/lib/ledger/check-ledger";',
        'import { checkNarrative } from "@/lib/narrative";',
        'import { parseReport } from "@/lib/report/parse-report";',
        "",
        "export const probe = [ruleCatalogue, checkLedger, checkNarrative, parseReport];",
        "",
      ].join("\n"),
    );
    expect(found).toEqual([]);
  });

  it("find no wrong-way import in the code as it is", async () => {
    expect(await lint(["lib", "components", "app", "cli", "startup.ts", "instrumentation.ts", "server.ts"])).toEqual([]);
  });
});
