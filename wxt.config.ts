import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Permissions are the narrowest that the shipped features need (DESIGN.md §8):
// `storage` for account snapshots. Content scripts declare their own venue matches;
// API hosts arrive later as optional host permissions, requested per venue.
export default defineConfig({
  manifest: {
    name: 'Margin Lens',
    description:
      'True cross-venue margin, liquidation and Expected Shortfall risk, overlaid on the exchange pages you use.',
    permissions: ['storage'],
    action: { default_title: 'Margin Lens' },
    browser_specific_settings: { gecko: { id: 'margin-lens@marginlens.dev' } },
  },
  vite: () => ({ plugins: [preact()] }),
});
