import { isDataFolderLockedError } from "./data-folder-lock";
import { getReportStore } from "./report-store";

/** Opens the process-wide store when the server starts; a data folder held by another process ends this one. */
export async function openStoreAtStartup(): Promise<void> {
  try {
    await getReportStore();
  } catch (error) {
    if (isDataFolderLockedError(error)) {
      console.error(`年报通无法启动：${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
