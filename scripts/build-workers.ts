// npm run build: the job workers bundled beside the server (.next/*-worker.cjs).
import { buildWorkers } from "@/lib/worker-pool/build-workers";

void buildWorkers(".next").catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
