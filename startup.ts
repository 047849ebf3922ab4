import { prepareFirstRun } from "@/lib/auth/setup";
import { isDataFolderLockedError } from "@/lib/store/data-folder-lock";
import { DEFAULT_DATA_DIR } from "@/lib/store/database";
import { getReportStore } from "@/lib/store/report-store";
import { writeServerFile } from "@/lib/store/server-file";

/**
 * Opens the process-wide store when the server starts; a data folder held by another process
 * ends this one. With no account yet, prints the one-time setup code for /setup.
 */
export async function openStoreAtStartup(): Promise<void> {
  try {
    const store = await getReportStore();
    // With the embedded store, `npm run backup` finds the running server through its data folder.
    if (store.engine === "pglite") writeServerFile(process.env.DATA_DIR || DEFAULT_DATA_DIR, Number(process.env.PORT || 3000));
    const code = await prepareFirstRun(store);
    if (code) {
      console.log(
        [
          "",
          "==================== 年报通 首次设置 ====================",
          "这台服务器还没有管理员。请在浏览器中打开本服务器的 /setup 页面，",
          `输入首次设置代码：${code}`,
          "（代码只在这里显示；每次启动会换一个新代码，设置完成后失效。）",
          "=========================================================",
          "",
        ].join("\n"),
      );
    }
  } catch (error) {
    if (isDataFolderLockedError(error)) {
      console.error(`年报通无法启动：${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
