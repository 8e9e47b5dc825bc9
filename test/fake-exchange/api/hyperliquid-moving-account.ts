import Decimal from 'decimal.js';
import type { FakeApiRequest, FakeApiResponse, FakeVenueApi } from './fake-api';
import { HYPERLIQUID_META_AND_ASSET_CTXS } from './fixtures/hyperliquid/hyperliquid-meta';

/**
 * A Hyperliquid account whose BTC mark a test moves (the alerts' end-to-end test): one cross BTC
 * long at 20× on a deposit, answered at `POST /info` for its own address, with the BTC mark of
 * `metaAndAssetCtxs` moved with it; every other request falls through to the fixture venue
 * (hyperliquid-api.ts). Its position can also disappear (a liquidation leaves `leftOver` USDC
 * and no position), as Hyperliquid answers after one.
 *
 * Figures follow Hyperliquid's documented rules, as the fixture account does
 * (fixtures/hyperliquid/hyperliquid-clearinghouse.ts; https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations):
 * maintenance margin = notional / (2 × max leverage) = notional / 80 for BTC (max 40×);
 * account value = deposit + size × (mark − entry); margin used = notional / leverage; and the
 * liquidation price, for one cross position, liq = mark − side · margin available / size /
 * (1 − side / 80), with margin available = account value − maintenance margin, which for one
 * position is (entry − deposit / size) / (1 − 1/80), whatever the mark: 57,721.52 for 1 BTC at
 * 62,000 on 5,000 USDC.
 */
export interface MovingHyperliquidAccount {
  readonly address: string;
  readonly api: FakeVenueApi;
  /** Moves the BTC mark (the position stays). */
  setMark(mark: string): void;
  /** The position is gone (liquidated): `leftOver` USDC stays in the account. */
  liquidate(leftOver: string): void;
  /** The liquidation price of the position (the venue's, Hyperliquid's formula above). */
  readonly liquidationPrice: Decimal;
}

const MAX_LEVERAGE = 40;
const LEVERAGE = 20;

export function movingHyperliquidAccount(options: {
  readonly address: string;
  readonly size: string;
  readonly entry: string;
  readonly deposit: string;
  readonly mark: string;
}): MovingHyperliquidAccount {
  const size = new Decimal(options.size);
  const entry = new Decimal(options.entry);
  const deposit = new Decimal(options.deposit);
  const maintenanceRate = new Decimal(1).div(2 * MAX_LEVERAGE);
  const liquidationPrice = entry
    .minus(deposit.div(size))
    .div(new Decimal(1).minus(maintenanceRate));
  let mark = new Decimal(options.mark);
  let leftOver: Decimal | null = null;
  const address = options.address.toLowerCase();

  const clearinghouseState = () => {
    const time = 1_795_521_600_000;
    if (leftOver !== null) {
      const value = leftOver.toFixed(1);
      const summary = {
        accountValue: value,
        totalNtlPos: '0.0',
        totalRawUsd: value,
        totalMarginUsed: '0.0',
      };
      return {
        marginSummary: summary,
        crossMarginSummary: summary,
        crossMaintenanceMarginUsed: '0.0',
        withdrawable: value,
        assetPositions: [],
        time,
      };
    }
    const notional = size.mul(mark);
    const unrealized = size.mul(mark.minus(entry));
    const accountValue = deposit.plus(unrealized);
    const marginUsed = notional.div(LEVERAGE);
    const summary = {
      accountValue: accountValue.toFixed(2),
      totalNtlPos: notional.toFixed(2),
      totalRawUsd: deposit.minus(size.mul(entry)).toFixed(2),
      totalMarginUsed: marginUsed.toFixed(2),
    };
    return {
      marginSummary: summary,
      crossMarginSummary: summary,
      crossMaintenanceMarginUsed: notional.mul(maintenanceRate).toFixed(2),
      withdrawable: Decimal.max(0, accountValue.minus(marginUsed)).toFixed(2),
      assetPositions: [
        {
          type: 'oneWay',
          position: {
            coin: 'BTC',
            szi: size.toFixed(),
            leverage: { type: 'cross', value: LEVERAGE },
            entryPx: entry.toFixed(1),
            positionValue: notional.toFixed(2),
            unrealizedPnl: unrealized.toFixed(2),
            returnOnEquity: unrealized.div(size.mul(entry).div(LEVERAGE)).toFixed(10),
            liquidationPx: liquidationPrice.toFixed(8),
            marginUsed: marginUsed.toFixed(2),
            maxLeverage: MAX_LEVERAGE,
            cumFunding: { allTime: '0.0', sinceOpen: '0.0', sinceChange: '0.0' },
          },
        },
      ],
      time,
    };
  };

  /** The fixture's universe and contexts, with BTC's mark (and oracle) at the account's mark. */
  const metaAndAssetCtxs = () => {
    const [meta, contexts] = HYPERLIQUID_META_AND_ASSET_CTXS;
    const px = mark.toFixed(1);
    return [
      meta,
      contexts.map((context, index) =>
        index === 0
          ? { ...context, markPx: px, oraclePx: px, midPx: px, impactPxs: [px, px] }
          : context,
      ),
    ];
  };

  const api: FakeVenueApi = {
    venue: 'hyperliquid',
    respond(request: FakeApiRequest): FakeApiResponse | undefined {
      if (request.path !== '/info' || request.method !== 'POST') return undefined;
      let body: { type?: unknown; user?: unknown; dex?: unknown };
      try {
        body = JSON.parse(request.body) as { type?: unknown; user?: unknown; dex?: unknown };
      } catch {
        return undefined;
      }
      // The first perp dex only: the others' requests fall through to the fixture venue.
      if (body.dex !== undefined && body.dex !== '') return undefined;
      if (body.type === 'metaAndAssetCtxs') return { status: 200, body: metaAndAssetCtxs() };
      if (
        body.type === 'clearinghouseState' &&
        typeof body.user === 'string' &&
        body.user.toLowerCase() === address
      )
        return { status: 200, body: clearinghouseState() };
      return undefined;
    },
  };

  return {
    address,
    api,
    setMark: (next) => {
      mark = new Decimal(next);
    },
    liquidate: (left) => {
      leftOver = new Decimal(left);
    },
    liquidationPrice,
  };
}
