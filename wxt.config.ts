import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';
import { stubUnusedCcxtModules } from './lib/venues/api/stub-unused-ccxt-modules';
import { RESIDUAL_HISTORY_FILE } from './lib/background/residual-history-file';
import { ALL_VENUE_API_HOSTS } from './lib/venues/api/venue-hosts';
import { EXTENSION_PAGES_CSP, extensionPagesCsp } from './lib/venues/api/extension-csp';

// Permissions are the narrowest that the shipped features need (DESIGN.md §8). Content scripts
// declare their own venue matches; API hosts are optional host permissions, requested per venue.
export default defineConfig({
  // `WXT_OUT_DIR` lets a second build (a parallel test run) sit beside the usual `.output`.
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  // Explicit imports everywhere: no generated globals to wonder about.
  imports: false,
  manifest: ({ browser, command }) => ({
    name: 'Margin Lens',
    description:
      'True cross-venue margin, liquidation and Expected Shortfall risk, overlaid on the exchange pages you use.',
    // storage: accounts and settings; alarms: the scheduled refresh and the vault's idle lock;
    // notifications: the risk alerts (issue 11), shown also while no exchange tab is open.
    permissions: ['storage', 'alarms', 'notifications'],
    // Venue API hosts only when the trader connects that venue (or turns live market data on).
    // (Firefox's Manifest V2 build lists host patterns among optional permissions.)
    ...(browser === 'firefox'
      ? { optional_permissions: [...ALL_VENUE_API_HOSTS] }
      : { optional_host_permissions: [...ALL_VENUE_API_HOSTS] }),
    // The worker (which holds the keys) and the pages connect to those hosts only; no eval, no
    // WebAssembly, no plugins (extension-csp.ts). Firefox's Manifest V2 build takes the string.
    content_security_policy: {
      extension_pages:
        command === 'serve'
          ? extensionPagesCsp(ALL_VENUE_API_HOSTS, { devServer: true })
          : EXTENSION_PAGES_CSP,
    },
    action: { default_title: 'Margin Lens' },
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'margin-lens@marginlens.dev',
          data_collection_permissions: { required: ['none'] },
        },
      },
    }),
  }),
  // ccxt one exchange module at a time: its package `exports` only exposes the whole library,
  // so its sources are reached through an alias (research/toolchain.md §5b). undici is Node-only.
  alias: {
    'ccxt-src': resolve('node_modules/ccxt/js/src'),
    undici: resolve('lib/venues/api/undici-stub.ts'),
  },
  // ccxt's base Exchange also imports other exchanges' signing code and websockets, which the
  // venues never run: left out of the bundle (stub-unused-ccxt-modules.ts; 1.38 -> 1.11 MB).
  vite: () => ({ plugins: [preact(), stubUnusedCcxtModules()] }),
  // Filtered historical simulation's residual history (92 kB, written by `npm run calibrate`)
  // ships as a data file the worker reads when a portfolio asks for that method, not as code.
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      files.push({
        absoluteSrc: resolve('lib/engine/market/residual-history.json'),
        relativeDest: RESIDUAL_HISTORY_FILE,
      });
    },
    'prepare:publicPaths': (_wxt, paths) => {
      paths.push(RESIDUAL_HISTORY_FILE);
    },
  },
});
