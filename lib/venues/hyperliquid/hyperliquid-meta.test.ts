import { describe, expect, it } from 'vitest';
import { HYPERLIQUID_XYZ_META_AND_ASSET_CTXS } from '../../../test/fake-exchange/api/fixtures/hyperliquid/hyperliquid-hip3-meta';
import { HYPERLIQUID_META_AND_ASSET_CTXS } from '../../../test/fake-exchange/api/fixtures/hyperliquid/hyperliquid-meta';
import { PayloadReader } from '../api/payload-reader';
import { readHyperliquidCollateralToken, readHyperliquidMeta } from './hyperliquid-meta';

const reader = new PayloadReader('hyperliquid', 'POST /info {"type":"metaAndAssetCtxs"}');

describe('Hyperliquid meta: assets without marginTableId (older answers)', () => {
  // The fixture's universe without its table ids, BTC at 50x as it once was: one tier at the max
  // leverage, maintenance 1 / (2 × max leverage) ("half of the initial margin at max leverage",
  // https://hyperliquid.gitbook.io/hyperliquid-docs/trading/liquidations). 50 is the id of no
  // table here (a max leverage is not a table id): it was refused as one before.
  const [meta, contexts] = HYPERLIQUID_META_AND_ASSET_CTXS;
  const universe = (meta as { universe: Record<string, unknown>[] }).universe.map((asset) => {
    const withoutTable = Object.fromEntries(
      Object.entries(asset).filter(([field]) => field !== 'marginTableId'),
    );
    return asset.name === 'BTC' ? { ...withoutTable, maxLeverage: 50 } : withoutTable;
  });
  const assets = readHyperliquidMeta(
    [{ universe, marginTables: (meta as { marginTables: unknown }).marginTables }, contexts],
    reader,
  );

  it.each([
    ['BTC', 50, '0.01'],
    ['ETH', 25, '0.02'],
    ['DYDX', 5, '0.1'],
  ])('%s: one tier at %dx, maintenance rate %s', (coin, maxLeverage, rate) => {
    expect(assets.get(coin)?.tiers).toEqual([
      { floor: '0', cap: null, maintenanceMarginRate: rate, maintenanceAmount: '0', maxLeverage },
    ]);
  });

  it('reads an answer without margin tables at all the same way', () => {
    const bare = readHyperliquidMeta([{ universe }, contexts], reader);
    expect(bare.get('BTC')?.tiers).toEqual(assets.get('BTC')?.tiers);
  });
});

describe('Hyperliquid meta: a HIP-3 dex', () => {
  const xyzReader = new PayloadReader(
    'hyperliquid',
    'POST /info {"type":"metaAndAssetCtxs","dex":"xyz"}',
  );

  it('keys the dex’s coins as the venue names them and reads its own margin tables', () => {
    const assets = readHyperliquidMeta(HYPERLIQUID_XYZ_META_AND_ASSET_CTXS, xyzReader);
    expect([...assets.keys()]).toEqual(['xyz:NVDA', 'xyz:GOLD']);
    expect(assets.get('xyz:GOLD')).toEqual({
      coin: 'xyz:GOLD',
      markPrice: '3900.0',
      maxLeverage: 20,
      tiers: [
        {
          floor: '0',
          cap: '500000',
          maintenanceMarginRate: '0.025',
          maintenanceAmount: '0',
          maxLeverage: 20,
        },
        // 500,000 × (5% − 2.5%).
        {
          floor: '500000',
          cap: null,
          maintenanceMarginRate: '0.05',
          maintenanceAmount: '12500',
          maxLeverage: 10,
        },
      ],
    });
  });

  it('reads the collateral token’s index, and none where the answer has none', () => {
    expect(readHyperliquidCollateralToken(HYPERLIQUID_XYZ_META_AND_ASSET_CTXS, xyzReader)).toBe(0);
    const [meta, contexts] = HYPERLIQUID_META_AND_ASSET_CTXS;
    const withoutToken = Object.fromEntries(
      Object.entries(meta).filter(([field]) => field !== 'collateralToken'),
    );
    expect(readHyperliquidCollateralToken([withoutToken, contexts], reader)).toBeUndefined();
    expect(() =>
      readHyperliquidCollateralToken([{ ...withoutToken, collateralToken: -1 }, contexts], reader),
    ).toThrow(
      'hyperliquid POST /info {"type":"metaAndAssetCtxs"}: [0] collateralToken must be a whole number ≥ 0, got -1',
    );
  });
});
