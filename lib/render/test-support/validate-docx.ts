/**
 * Runs the ISO/IEC 29500 schema check of tools/ooxml (Python 3 with lxml) on DOCX files.
 * The Debian python3-lxml is for /usr/bin/python3; a pyenv python3 first on PATH may lack it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const VALIDATOR = path.resolve(__dirname, "../../../tools/ooxml/validate-docx.py");

function pythonWithLxml(): string {
  for (const candidate of ["/usr/bin/python3", "python3"]) {
    const probe = spawnSync(candidate, ["-c", "import lxml"], { stdio: "ignore" });
    if (probe.status === 0) return candidate;
  }
  throw new Error("没有能导入 lxml 的 Python 3：请运行 scripts/install-test-deps.sh（安装 python3-lxml）");
}

export type DocxValidation = { status: number | null; output: string };

/** Validates every file in one run (loading the schemas takes longer than checking a file). */
export function validateDocx(files: readonly { name: string; bytes: Uint8Array }[]): DocxValidation {
  const folder = mkdtempSync(path.join(tmpdir(), "docx-validate-"));
  try {
    const paths = files.map(({ name, bytes }) => {
      const file = path.join(folder, `${name}.docx`);
      writeFileSync(file, bytes);
      return file;
    });
    const run = spawnSync(pythonWithLxml(), [VALIDATOR, ...paths], { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
