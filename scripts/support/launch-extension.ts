import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';

/**
 * Launches Chromium with the built extension loaded, in a fresh profile, with the venues' host
 * names mapped to the local fake exchange and every other host name unresolvable, so that
 * nothing leaves the machine. Shared by `npm start` and the end-to-end tests.
 */
export interface LaunchedExtension {
  readonly context: BrowserContext;
  readonly serviceWorker: Worker;
  readonly extensionId: string;
  /** The fresh profile directory the browser writes to (removed on close). */
  readonly profilePath: string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  readonly executablePath: string;
  readonly extensionPath: string;
  readonly headless: boolean;
  readonly fakeExchangePort: number;
  readonly hosts: readonly string[];
}

/** The built extension; `WXT_OUT_DIR` builds and tests a second copy beside the usual `.output`. */
export const BUILT_EXTENSION = path.resolve(
  import.meta.dirname,
  '..',
  '..',
  process.env.WXT_OUT_DIR ?? '.output',
  'chrome-mv3',
);

export async function launchExtension(options: LaunchOptions): Promise<LaunchedExtension> {
  const profile = mkdtempSync(path.join(tmpdir(), 'margin-lens-profile-'));
  const rules = [
    ...options.hosts.map((host) => `MAP ${host} 127.0.0.1:${options.fakeExchangePort}`),
    'MAP * ~NOTFOUND',
    'EXCLUDE localhost',
  ].join(', ');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: options.executablePath,
    headless: options.headless,
    viewport: { width: 1280, height: 800 },
    args: [
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-features=DisableLoadExtensionCommandLineSwitch',
      `--disable-extensions-except=${options.extensionPath}`,
      `--load-extension=${options.extensionPath}`,
      `--host-resolver-rules=${rules}`,
      '--ignore-certificate-errors',
    ],
  });
  let serviceWorker: Worker;
  try {
    serviceWorker =
      context.serviceWorkers()[0] ??
      (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  } catch (error) {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    throw new Error(
      `${options.executablePath} did not load the extension from ${options.extensionPath} (branded Google Chrome 137+ ignores --load-extension; use Chromium): ${(error as Error).message}`,
      { cause: error },
    );
  }
  return {
    context,
    serviceWorker,
    extensionId: new URL(serviceWorker.url()).host,
    profilePath: profile,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
