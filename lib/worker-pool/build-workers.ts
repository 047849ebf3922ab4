/**
 * The worker threads the built server runs jobs in (server-jobs.ts), bundled as `npm run build`
 * does (package.json build:server runs scripts/build-workers.ts) and as the pool's tests do.
 */
import path from "node:path";
import { build } from "esbuild";
import { type JobKind, SERVER_JOBS } from "./server-jobs";

export async function buildWorker(kind: JobKind, outDir: string): Promise<string> {
  const { source, bundle } = SERVER_JOBS[kind];
  const outfile = path.join(outDir, bundle);
  await build({
    entryPoints: [path.resolve(source)],
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    // Packages load from node_modules at run time, as the server's own bundle does.
    packages: "external",
    // A CommonJS file has no import.meta; the font lookup (lib/render/pdf/fonts.ts) resolves from its URL.
    banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    define: { "import.meta.url": "__importMetaUrl" },
    outfile,
    logLevel: "warning",
  });
  return outfile;
}

export async function buildWorkers(outDir: string): Promise<string[]> {
  return Promise.all((Object.keys(SERVER_JOBS) as JobKind[]).map((kind) => buildWorker(kind, outDir)));
}
