import { existsSync } from 'node:fs';

/**
 * Finds a Chromium-family browser that can load an unpacked extension from the command line.
 * CHROME_PATH, when set, is the only candidate. Branded Google Chrome 137+ ignores
 * --load-extension, so Chromium builds come first.
 */
export type BrowserSearch =
  | { readonly found: true; readonly path: string }
  | { readonly found: false; readonly tried: readonly string[] };

const CANDIDATES: Readonly<Record<string, readonly string[]>> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
  ],
  darwin: [
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  ],
  win32: [
    'C:\\Program Files\\Chromium\\Application\\chrome.exe',
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
    'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
  ],
};

export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  exists: (path: string) => boolean = existsSync,
): BrowserSearch {
  const candidates = env.CHROME_PATH
    ? [env.CHROME_PATH]
    : (CANDIDATES[platform] ?? CANDIDATES.linux ?? []);
  const path = candidates.find((candidate) => exists(candidate));
  return path ? { found: true, path } : { found: false, tried: candidates };
}

export const INSTALL_HINT = [
  'Install Chromium, or point CHROME_PATH at a Chromium binary:',
  '  Debian/Ubuntu: sudo apt-get install -y chromium',
  '  macOS:         brew install --cask chromium',
  '  any system:    CHROME_PATH=/path/to/chromium npm start',
].join('\n');
