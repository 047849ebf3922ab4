import { mkdir, writeFile } from "node:fs/promises";
import { exampleReport } from "@/fixtures/seed-narratives";
import { publishedSeedReports } from "@/fixtures/seed-reports";

/** Writes the five published seed reports as report JSON files under examples/, for `check` and the README. */
async function main() {
  await mkdir("examples", { recursive: true });
  for (const { entry, report } of publishedSeedReports()) {
    const seed = entry.seed.slice(0, 3);
    const file = `examples/seed-${seed}.json`;
    await writeFile(file, `${JSON.stringify(exampleReport(seed, report), null, 2)}\n`);
    process.stdout.write(`${file}\n`);
  }
}

void main();
