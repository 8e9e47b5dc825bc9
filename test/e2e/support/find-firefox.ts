import { existsSync } from 'node:fs';

/**
 * Finds the Firefox the end-to-end smoke test drives over WebDriver BiDi: FIREFOX_PATH when set
 * (the only candidate then), else Debian's firefox-esr, else a `firefox` on the usual paths.
 */
export type FirefoxSearch =
  | { readonly found: true; readonly path: string }
  | { readonly found: false; readonly tried: readonly string[] };

const CANDIDATES: readonly string[] = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

export function findFirefox(
  env: NodeJS.ProcessEnv = process.env,
  exists: (path: string) => boolean = existsSync,
): FirefoxSearch {
  const candidates = env.FIREFOX_PATH ? [env.FIREFOX_PATH] : CANDIDATES;
  const path = candidates.find((candidate) => exists(candidate));
  return path ? { found: true, path } : { found: false, tried: candidates };
}

export const FIREFOX_INSTALL_HINT = [
  'Install Firefox ESR, or point FIREFOX_PATH at a Firefox binary:',
  '  Debian/Ubuntu: sudo apt-get install -y firefox-esr',
].join('\n');
