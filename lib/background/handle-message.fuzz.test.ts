import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_RUNS, jsonish, mutate, mutation, nonFinite } from '../../test/fuzz/json-mutation';
import { SenderClass, classifySender, type SenderInfo } from '../messaging/classify-sender';
import { venuesAtSenderOrigin } from '../messaging/sender-venues';
import { VENUE_IDS } from '../venues/venue-descriptors';
import type { AccountDeps } from './account-requests';
import { handleMessage } from './handle-message';

/**
 * Fuzzing the background's message entry (issue 13, "Fuzzing", finding 1): arbitrary messages
 * and near-valid page requests with any venue, from fuzzed senders (own origin, venue origins,
 * other origins, with and without tab, id or url). Whatever arrives, handleMessage resolves
 * (never rejects); a refusal is text; a request that reaches a service is finite; a content
 * script reaches only the page services, and only for a venue at its own origin; an unknown
 * sender reaches nothing.
 */
const extension = {
  id: 'ext',
  origin: 'chrome-extension://ext',
  contentOrigins: [
    'https://www.binance.com',
    'https://www.bybit.com',
    'https://www.okx.com',
    'https://www.deribit.com',
    'https://app.hyperliquid.xyz',
  ],
};

const VALID = [
  { type: 'getPageRisk', venue: 'bybit', symbol: 'BTC/USDT:USDT', underlying: 'BTC' },
  {
    type: 'getTradeImpact',
    venue: 'bybit',
    accountId: 'bybit-main',
    symbol: 'BTC/USDT:USDT',
    side: 'buy',
    orderType: 'limit',
    size: { value: 0.5, unit: 'contracts' },
    price: 100_000,
    leverage: 10,
    reduceOnly: false,
    contractSize: null,
    withProbability: true,
  },
  { type: 'getPortfolioRisk' },
  { type: 'refreshAccounts', force: true },
];

const origin = fc.oneof(
  fc.constantFrom(
    extension.origin,
    ...extension.contentOrigins,
    'https://evil.example',
    'null',
    '',
  ),
  fc.webUrl().map((url) => new URL(url).origin),
);
const sender: fc.Arbitrary<SenderInfo> = fc.record(
  {
    id: fc.constantFrom('ext', 'other', ''),
    origin,
    url: fc.oneof(
      origin.map((at) => `${at}/futures/BTCUSDT`),
      fc.string({ maxLength: 30 }),
    ),
    tab: fc.constantFrom({ id: 7 }, null),
  },
  { requiredKeys: [] },
);
const venue = fc.oneof(fc.constantFrom(...VENUE_IDS), fc.stringMatching(/^[a-z]{2,20}$/));
const message = fc.oneof(
  jsonish,
  fc
    .tuple(fc.nat({ max: VALID.length - 1 }), venue, fc.array(mutation, { maxLength: 2 }))
    .map(([index, name, mutations]) => {
      const base = { ...VALID[index] } as Record<string, unknown>;
      if ('venue' in base) base.venue = name;
      return mutate(base, mutations).value;
    }),
);

describe('handleMessage under fuzzing', () => {
  it('never rejects, and a page reaches only its own venue', async () => {
    await fc.assert(
      fc.asyncProperty(message, sender, async (raw, from) => {
        const reached: { what: string; request: unknown }[] = [];
        const record =
          (what: string) =>
          (request?: unknown): Promise<never> => {
            reached.push({ what, request });
            return Promise.resolve({} as never);
          };
        const service = {
          portfolioRisk: record('portfolioRisk'),
          pageRisk: record('pageRisk'),
          pageTradeImpact: record('pageTradeImpact'),
        };
        const anything: ProxyHandler<object> = {
          get: (_, key) =>
            key === 'then' ? undefined : new Proxy(record(`accounts.${String(key)}`), anything),
        };
        const accounts = new Proxy({}, anything) as AccountDeps;
        const answer = await handleMessage(raw, from, extension, service, accounts);
        if (!answer.ok) expect(typeof answer.error).toBe('string');
        const senderClass = classifySender(from, extension);
        if (senderClass === SenderClass.unknown) expect(reached).toEqual([]);
        if (senderClass === SenderClass.contentScript)
          for (const { what, request } of reached) {
            expect(['pageRisk', 'pageTradeImpact', 'accounts.pageAccounts']).toContain(
              what.startsWith('accounts.pageAccounts') ? 'accounts.pageAccounts' : what,
            );
            if (what !== 'accounts.pageAccounts')
              expect(venuesAtSenderOrigin(from)).toContain((request as { venue: string }).venue);
          }
        for (const { request } of reached) expect(nonFinite(request)).toBeUndefined();
      }),
      { seed: 1303, numRuns: FUZZ_RUNS },
    );
  }, 60_000);
});
