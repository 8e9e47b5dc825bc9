import type { BrowserContext } from 'playwright-core';

/**
 * Grants the extension access to `origins` the way a trader can in the browser's own UI: the
 * "Site access" list on chrome://extensions (its `developerPrivate.addHostPermission`). The
 * extension's own `permissions.request()` then resolves at once, as it does for a host the
 * trader already allowed. Needed because the permission prompt is browser UI that no test
 * driver can answer (microsoft/playwright#32755, ChromeDevTools/devtools-protocol#76).
 */
export async function grantHostAccess(
  context: BrowserContext,
  extensionId: string,
  origins: readonly string[],
): Promise<void> {
  const page = await context.newPage();
  try {
    await page.goto(`chrome://extensions/?id=${extensionId}`);
    const failures = await page.evaluate(
      async ([id, patterns]) => {
        const api = (
          globalThis as unknown as {
            chrome: {
              developerPrivate: { addHostPermission(id: string, host: string): Promise<void> };
            };
          }
        ).chrome.developerPrivate;
        const failed: string[] = [];
        for (const pattern of patterns) {
          try {
            await api.addHostPermission(id, pattern);
          } catch (error) {
            failed.push(`${pattern}: ${(error as Error).message}`);
          }
        }
        return failed;
      },
      [extensionId, [...origins]] as const,
    );
    if (failures.length > 0) throw new Error(`could not grant host access: ${failures.join('; ')}`);
  } finally {
    await page.close();
  }
}
