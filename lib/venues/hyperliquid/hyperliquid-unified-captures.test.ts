import { describe, expect, it } from 'vitest';
import { hyperliquidAccountMargin } from '../../engine/margin/hyperliquid';
import type { AccountMargin } from '../../engine/margin/margin-types';
import type { MarginContext } from '../../engine/margin/venue-context';
import { parsePortfolio } from '../../engine/portfolio/parse-portfolio';
import { exchangeAt, withFakeApi } from '../../../test/fake-exchange/api/adapter-test-setup';
import {
  capturedMark,
  HYPERLIQUID_UNIFIED_CAPTURE_1,
  HYPERLIQUID_UNIFIED_CAPTURE_6,
  type CapturedPosition,
  type HyperliquidUnifiedCapture,
} from '../../../test/fake-exchange/api/fixtures/hyperliquid/hyperliquid-unified-captures';
import { hyperliquidCaptureApi } from '../../../test/fake-exchange/api/hyperliquid-api';
import { hyperliquidSymbol } from '../../engine/product/hyperliquid-market-name';
import type { PortfolioFileAccount } from '../api/venue-api-types';
import { hyperliquidAdapter } from './hyperliquid-adapter';

/**
 * Regression against the venue: two mainnet accounts in unified account mode, as Hyperliquid
 * answered for them (test/fake-exchange/api/fixtures/hyperliquid/hyperliquid-unified-captures.ts,
 * from bulwarkxyz/bulwark's public captures), read through the adapter and ccxt from the fake
 * info endpoint and computed by the engine. Every position's liquidation price is compared with
 * the venue's own `liquidationPx`, and the engine's cross equity less cross maintenance margin
 * with the venue's `tokenToAvailableAfterMaintenance`.
 *
 * Tolerance, per figure, and why:
 * - The venue's figures are its own floating-point results, written to 10 significant digits
 *   or more (BTC's 295292.2974617284 is 2.1e-6 from the decimal formula at the same inputs, 7e-12
 *   relative): a relative {@link VENUE_RELATIVE} of 1e-10.
 * - The venue writes `entryPx` rounded (91.831 for CL), while its `unrealizedPnl` is from the
 *   unrounded entry: size × (mark − entryPx) differs from the venue's P&L by up to 0.55 USDC on
 *   these accounts (0 for BTC, TSLA, AVGO, WDC). The adapter takes the venue's P&L out of the
 *   balance and the engine adds back its own at the mark, so the engine's margin is off by that
 *   gap: for a cross position, the gap summed over the token's cross positions; for an isolated
 *   one, its own. The liquidation price moves by gap / size / (1 − side / (2 · max leverage)),
 *   the documented formula's sensitivity to margin
 *   (https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations); at most 2.1e-3 here
 *   (capture 6's NVDA and AMZN, whose cross gap is 0.157 USDC).
 * Marks are `positionValue / |szi|` (the captures hold no asset contexts), exact on both.
 */
const VENUE_RELATIVE = 1e-10;
const CONTEXT: MarginContext = { asOf: '2026-10-05T12:00:00Z', underlyingPrice: () => undefined };

async function engineAccount(capture: HyperliquidUnifiedCapture) {
  return withFakeApi([hyperliquidCaptureApi(capture)], { profiles: {} }, async (api) => {
    const exchange = exchangeAt(
      'hyperliquid',
      { kind: 'address', address: capture.address },
      api.baseUrl,
    );
    const snapshot = await hyperliquidAdapter.fetchAccounts(exchange, 'hl', CONTEXT.asOf);
    const portfolio = parsePortfolio({
      version: 1,
      asOf: CONTEXT.asOf,
      accounts: snapshot.accounts,
    });
    return {
      snapshot,
      margins: portfolio.accounts.map((account) => hyperliquidAccountMargin(account, CONTEXT)),
    };
  });
}

/** The captured positions, each with its P&L gap (see the module's doc). */
function capturedPositions(capture: HyperliquidUnifiedCapture) {
  const positions = Object.values(capture.dexes).flatMap((state) =>
    state.assetPositions.map((entry) => entry.position),
  );
  const gapOf = (position: CapturedPosition['position']) =>
    Math.abs(
      Number(position.szi) * (Number(capturedMark(position)) - Number(position.entryPx)) -
        Number(position.unrealizedPnl),
    );
  const crossGap = positions
    .filter((position) => position.leverage.type === 'cross')
    .reduce((sum, position) => sum + gapOf(position), 0);
  return positions.map((position) => ({
    position,
    gap: position.leverage.type === 'cross' ? crossGap : gapOf(position),
    crossGap,
  }));
}

function checkLiquidations(capture: HyperliquidUnifiedCapture, margins: readonly AccountMargin[]) {
  const usdc = margins.find((margin) => margin.accountId === 'hl');
  const ours = new Map(usdc?.positions.map((position) => [position.symbol, position]));
  const captured = capturedPositions(capture);
  expect([...ours.keys()].sort()).toEqual(
    captured.map(({ position }) => hyperliquidSymbol(position.coin, 'USDC')).sort(),
  );
  let largest = 0;
  for (const { position, gap } of captured) {
    const symbol = hyperliquidSymbol(position.coin, 'USDC');
    const engine = ours.get(symbol);
    const venue = Number(position.liquidationPx);
    const size = Math.abs(Number(position.szi));
    const side = Number(position.szi) > 0 ? 1 : -1;
    const sensitivity = 1 / size / (1 - side / (2 * position.maxLeverage));
    const tolerance = gap * sensitivity + VENUE_RELATIVE * venue;
    const difference = Math.abs((engine?.liquidationPrice ?? Number.NaN) - venue);
    expect(difference, `${capture.label} ${symbol}`).toBeLessThanOrEqual(tolerance);
    largest = Math.max(largest, difference);
  }
  return largest;
}

/** The engine's cross equity less cross maintenance margin: the venue's available after maintenance. */
function availableAfterMaintenance(margin: AccountMargin, snapshotAccount: PortfolioFileAccount) {
  const wallets = new Map(
    snapshotAccount.positions.map((position) => [
      position.symbol,
      Number(position.isolatedMargin ?? 0),
    ]),
  );
  const isolated = margin.positions
    .filter((position) => position.marginMode === 'isolated')
    .reduce(
      (sum, position) => sum + (wallets.get(position.symbol) ?? 0) + position.unrealizedPnl,
      0,
    );
  const crossMaintenance = margin.positions
    .filter((position) => position.marginMode === 'cross')
    .reduce((sum, position) => sum + position.maintenanceMargin, 0);
  return margin.equity - isolated - crossMaintenance;
}

describe('Hyperliquid unified account: captured mainnet accounts against the venue’s own figures', () => {
  for (const capture of [HYPERLIQUID_UNIFIED_CAPTURE_1, HYPERLIQUID_UNIFIED_CAPTURE_6]) {
    it(`${capture.label}: every liquidation price is the venue's liquidationPx, within its rounding and the entryPx gap`, async () => {
      const { snapshot, margins } = await engineAccount(capture);
      expect(snapshot.unifiedAccount).toBe(true);
      // One USDC account across the dexes (every dex here is collateralised in USDC).
      expect(snapshot.accounts.map((account) => account.id)).toEqual(['hl']);
      const largest = checkLiquidations(capture, margins);
      expect(largest).toBeLessThan(2.1e-3);
    });

    it(`${capture.label}: cross equity less cross MM is the venue's tokenToAvailableAfterMaintenance`, async () => {
      const { snapshot, margins } = await engineAccount(capture);
      const [margin] = margins;
      const [account] = snapshot.accounts;
      if (margin === undefined || account === undefined) throw new Error('no account');
      const venue = Number(capture.spot.tokenToAvailableAfterMaintenance[0]?.[1]);
      const crossGap = capturedPositions(capture)[0]?.crossGap ?? 0;
      expect(Math.abs(availableAfterMaintenance(margin, account) - venue)).toBeLessThanOrEqual(
        crossGap + VENUE_RELATIVE * venue,
      );
    });
  }

  it('capture 1: exact where the venue’s P&L is size × (mark − entryPx)', async () => {
    const { margins } = await engineAccount(HYPERLIQUID_UNIFIED_CAPTURE_1);
    const liquidation = new Map(
      margins[0]?.positions.map((position) => [position.symbol, position.liquidationPrice]),
    );
    expect(liquidation.get('BTC/USDC:USDC')).toBeCloseTo(295292.2974617284, 5);
    expect(liquidation.get('XYZ-TSLA/USDC:USDC')).toBeCloseTo(2433.974889561, 7);
    expect(liquidation.get('XYZ-AVGO/USDC:USDC')).toBeCloseTo(303.0493248421, 8);
    expect(liquidation.get('XYZ-WDC/USDC:USDC')).toBeCloseTo(496.538592, 8);
  });
});
