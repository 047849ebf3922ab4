/**
 * The worker thread reports are set in (see lib/worker-pool): kept between reports, so the
 * fonts are loaded once, not for every file.
 */
import { serveJobs } from "@/lib/worker-pool/serve-jobs";
import { type RenderOutcome, renderJob } from "./render-job";

serveJobs(renderJob, (outcome: RenderOutcome) =>
  outcome.ok ? Object.values(outcome.files).map((bytes) => bytes.buffer as ArrayBuffer) : [],
);
