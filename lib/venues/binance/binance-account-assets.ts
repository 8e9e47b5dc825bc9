import Decimal from 'decimal.js';
import type { PayloadReader } from '../api/payload-reader';

/**
 * The wallets of a Binance futures account, one per margin asset, from the account endpoint:
 * USDⓈ-M `GET /fapi/v3/account`
 * (https://developers.binance.com/docs/derivatives/usds-margined-futures/account/rest-api/Account-Information-V3)
 * or COIN-M `GET /dapi/v1/account`
 * (https://developers.binance.com/docs/derivatives/coin-margined-futures/account/rest-api/Account-Information).
 *
 * Per asset: `walletBalance` (cross wallet plus the isolated wallets: the balance the engine
 * starts from), `marginBalance` (wallet + unrealised P&L: the venue's equity) and `maintMargin`
 * (all the asset's positions). Units: the asset itself.
 */
export interface BinanceAsset {
  readonly asset: string;
  readonly walletBalance: string;
  readonly marginBalance: string;
  readonly maintMargin: string;
}

export function parseBinanceAssets(
  account: Record<string, unknown>,
  reader: PayloadReader,
): BinanceAsset[] {
  return reader.array(account.assets, 'assets').map((raw, index) => {
    const entry = reader.object(raw, `assets[${index}]`);
    const asset = reader.text(entry.asset, `assets[${index}] asset`);
    const where = `assets[${index}] "${asset}"`;
    return {
      asset,
      walletBalance: reader.decimalString(entry.walletBalance, `${where} walletBalance`),
      marginBalance: reader.decimalString(entry.marginBalance, `${where} marginBalance`),
      maintMargin: reader.decimalString(entry.maintMargin, `${where} maintMargin`, 'nonNegative'),
    };
  });
}

/** What the COIN-M account endpoint says of one open leg (positionRisk lacks these). */
export interface BinanceLegMargins {
  readonly maintMargin: string;
  readonly positionInitialMargin: string;
}

/** COIN-M `positions` of `GET /dapi/v1/account`, open legs only, keyed `SYMBOL SIDE` (`BTCUSD_PERP BOTH`). */
export function parseCoinmLegMargins(
  account: Record<string, unknown>,
  reader: PayloadReader,
): ReadonlyMap<string, BinanceLegMargins> {
  const margins = new Map<string, BinanceLegMargins>();
  reader.array(account.positions, 'positions').forEach((raw, index) => {
    const entry = reader.object(raw, `positions[${index}]`);
    const marketId = reader.text(entry.symbol, `positions[${index}] symbol`);
    const positionSide = reader.text(
      entry.positionSide,
      `positions[${index}] "${marketId}" positionSide`,
    );
    const where = `positions[${index}] "${marketId}" ${positionSide}`;
    if (new Decimal(reader.decimalString(entry.positionAmt, `${where} positionAmt`)).isZero())
      return;
    margins.set(`${marketId} ${positionSide}`, {
      maintMargin: reader.decimalString(entry.maintMargin, `${where} maintMargin`, 'nonNegative'),
      positionInitialMargin: reader.decimalString(
        entry.positionInitialMargin,
        `${where} positionInitialMargin`,
        'nonNegative',
      ),
    });
  });
  return margins;
}
