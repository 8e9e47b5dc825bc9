import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BUILT_EXTENSION } from '../../scripts/support/launch-extension';
import { EXTENSION_PAGES_CSP } from '../../lib/venues/api/extension-csp';
import { CONTENT_SCRIPT_MATCHES } from '../../lib/venues/content-script-matches';

/**
 * The built extension, as a store reviewer reads it (issue 13, "Permissions and build"): the
 * Chromium build `npm test` made (`WXT_OUT_DIR` or `.output`) and a Firefox build made here into
 * the same folder. Each manifest asks for exactly the permissions README's table justifies
 * (README.md, "Privacy" → "Permissions"), carries the CSP of extension-csp.ts, and no file of
 * the package loads code from anywhere but the package: no remote script, no `eval`, no
 * `new Function`, no `import()` of a computed name, no WebAssembly. A new use of one of those
 * must be justified here, by name and file, or taken out.
 */
const OUT_DIR = path.dirname(BUILT_EXTENSION);
const README = path.resolve(import.meta.dirname, '..', '..', 'README.md');

interface Manifest {
  readonly manifest_version: number;
  readonly permissions?: readonly string[];
  readonly optional_permissions?: readonly string[];
  readonly host_permissions?: readonly string[];
  readonly optional_host_permissions?: readonly string[];
  readonly content_security_policy?: string | { readonly extension_pages?: string };
  readonly content_scripts?: readonly { readonly matches: readonly string[] }[];
  readonly background?: { readonly service_worker?: string; readonly scripts?: readonly string[] };
  readonly externally_connectable?: unknown;
  readonly web_accessible_resources?: unknown;
}

/** README's permission table: the first column by the manifest key of the second. */
function readmePermissions(): { required: string[]; optionalHosts: string[] } {
  const rows = readFileSync(README, 'utf8')
    .split('\n')
    .map((line) => /^\| `([^`]+)` +\| `(permissions|optional_host_permissions)` +\|/.exec(line))
    .filter((match) => match !== null);
  return {
    required: rows.filter((row) => row[2] === 'permissions').map((row) => row[1] ?? ''),
    optionalHosts: rows
      .filter((row) => row[2] === 'optional_host_permissions')
      .map((row) => row[1] ?? ''),
  };
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** What loads or makes code at run time, other than the package's own files. */
const CODE_LOADING: readonly [string, RegExp][] = [
  ['eval', /(?<![\w$.])eval\s*\(/],
  ['new Function', /\bnew\s+Function\s*\(/],
  ['Function constructor', /(?<![\w$.])Function\s*\(\s*["'`]/],
  ['import() of a computed name', /(?<![\w$.])import\s*\(\s*(?!["'`])/],
  ['import() of a remote URL', /(?<![\w$.])import\s*\(\s*["'`](?:https?:)?\/\//],
  ['importScripts', /\bimportScripts\s*\(/],
  ['WebAssembly', /\bWebAssembly\b/],
  ['string setTimeout', /\bset(?:Timeout|Interval)\s*\(\s*["'`]/],
  ['remote <script>', /<script[^>]+src=["']?(?:https?:)?\/\//i],
];

const BUILDS = ['chrome-mv3', 'firefox-mv2'] as const;

beforeAll(() => {
  // `npm test` builds Chromium only; the Firefox build goes beside it, from the same sources.
  const wxt = path.resolve(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'wxt');
  const build = spawnSync(wxt, ['build', '-b', 'firefox'], {
    cwd: path.resolve(import.meta.dirname, '..', '..'),
    env: process.env,
    encoding: 'utf8',
  });
  if (build.status !== 0)
    throw new Error(`wxt build -b firefox failed:\n${build.stdout}\n${build.stderr}`);
}, 120_000);

const manifestOf = (build: (typeof BUILDS)[number]) =>
  JSON.parse(readFileSync(path.join(OUT_DIR, build, 'manifest.json'), 'utf8')) as Manifest;

describe('the built manifests', () => {
  it('finds a permission table in README', () => {
    const { required, optionalHosts } = readmePermissions();
    expect(required.length).toBeGreaterThan(0);
    expect(optionalHosts.length).toBeGreaterThan(0);
  });

  it('ask Chromium for exactly the permissions README justifies', () => {
    const manifest = manifestOf('chrome-mv3');
    const readme = readmePermissions();
    expect(manifest.manifest_version).toBe(3);
    expect([...(manifest.permissions ?? [])].sort()).toEqual([...readme.required].sort());
    expect([...(manifest.optional_host_permissions ?? [])].sort()).toEqual(
      [...readme.optionalHosts].sort(),
    );
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.optional_permissions).toBeUndefined();
  });

  it('ask Firefox for the same (its hosts among optional permissions)', () => {
    const manifest = manifestOf('firefox-mv2');
    const readme = readmePermissions();
    expect(manifest.manifest_version).toBe(2);
    expect([...(manifest.permissions ?? [])].sort()).toEqual([...readme.required].sort());
    expect([...(manifest.optional_permissions ?? [])].sort()).toEqual(
      [...readme.optionalHosts].sort(),
    );
  });

  it.each(BUILDS)('%s: runs content scripts on the venues’ trading pages only', (build) => {
    const matches = (manifestOf(build).content_scripts ?? []).flatMap((script) => script.matches);
    expect(matches.length).toBeGreaterThan(0);
    for (const match of matches) expect(CONTENT_SCRIPT_MATCHES).toContain(match);
  });

  it.each(BUILDS)(
    '%s: carries the CSP, and exposes nothing to pages or other extensions',
    (build) => {
      const manifest = manifestOf(build);
      const csp =
        typeof manifest.content_security_policy === 'string'
          ? manifest.content_security_policy
          : manifest.content_security_policy?.extension_pages;
      expect(csp).toBe(EXTENSION_PAGES_CSP);
      expect(csp).not.toMatch(/unsafe-eval|wasm-unsafe-eval|unsafe-inline|\*/);
      expect(manifest.externally_connectable).toBeUndefined();
    },
  );

  // The overlay's stylesheet, which its content script reads into its shadow root (WXT's
  // `cssInjectionMode: 'ui'`): the one file a page may load, and on the venues' pages only.
  it.each(BUILDS)('%s: lets pages load the overlay stylesheet and nothing else', (build) => {
    const resources = manifestOf(build).web_accessible_resources as
      | readonly (string | { resources: readonly string[]; matches: readonly string[] })[]
      | undefined;
    const pageOrigins = new Set(CONTENT_SCRIPT_MATCHES.map((match) => new URL(match).origin));
    for (const entry of resources ?? []) {
      if (typeof entry === 'string') {
        expect(entry).toBe('content-scripts/overlay.css');
        continue;
      }
      expect(entry.resources).toEqual(['content-scripts/overlay.css']);
      for (const match of entry.matches) expect(pageOrigins).toContain(new URL(match).origin);
    }
  });
});

describe('the built code', () => {
  it.each(BUILDS)('%s: loads no code from outside the package', (build) => {
    const files = filesUnder(path.join(OUT_DIR, build)).filter((file) =>
      /\.(m?js|html)$/.test(file),
    );
    expect(files.some((file) => file.endsWith('background.js'))).toBe(true);
    const found = files.flatMap((file) => {
      const code = readFileSync(file, 'utf8');
      return CODE_LOADING.filter(([, pattern]) => pattern.test(code)).map(
        ([what]) => `${path.relative(OUT_DIR, file)}: ${what}`,
      );
    });
    expect(found).toEqual([]);
  });

  it.each(BUILDS)('%s: starts its worker from a file of the package', (build) => {
    const background = manifestOf(build).background;
    for (const file of [background?.service_worker, ...(background?.scripts ?? [])])
      if (file !== undefined) expect(file).toMatch(/^[\w./-]+\.js$/);
  });
});
