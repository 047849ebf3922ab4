import { mkdir, writeFile } from "node:fs/promises";
import { publishedSeedReports } from "@/fixtures/seed-reports";

/** Writes the five seed reports as report JSON files under examples/, for `check` and the README. */
async function main() {
  await mkdir("examples", { recursive: true });
  for (const { entry, report } of publishedSeedReports()) {
    const file = `examples/seed-${entry.seed.slice(0, 3)}.json`;
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`${file}\n`);
  }
}

void main();
