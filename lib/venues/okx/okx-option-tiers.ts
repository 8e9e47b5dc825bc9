import Decimal from 'decimal.js';
import { PayloadReader } from '../api/payload-reader';
import { OKX_POSITION_TIERS_ENDPOINT } from './okx-position-tiers';

/**
 * OKX's option seller tiers from the public `GET /api/v5/public/position-tiers?instType=OPTION`
 * (https://www.okx.com/docs-v5/en/#public-data-rest-api-get-position-tiers), per instrument
 * family and margin mode: rows of `tier`, `minSz` and `maxSz` (contracts) and `optMgnFactor`,
 * "Option Margin Coefficient (only applicable to options)", the margin factor MF of OKX's option
 * margin (lib/engine/margin/okx-option-margin.ts).
 *
 * The tier "is determined by the total amount of seller's positions and open orders" (OKX help
 * "Option Margin", https://www.okx.com/help/ii-option-margin). The read counts the family's short
 * option positions in contracts; open sell orders are not read, so with sell orders resting the
 * factor can be a tier low (the closing note and README say so).
 */
export interface OkxOptionTier {
  readonly tier: number;
  readonly maxContracts: string;
  /** `optMgnFactor`, a positive decimal string. */
  readonly marginFactor: string;
}

export function parseOkxOptionTiers(
  response: unknown,
  instFamily: string,
  tdMode: string,
): OkxOptionTier[] {
  const reader = new PayloadReader(
    'okx',
    `${OKX_POSITION_TIERS_ENDPOINT}?instType=OPTION&instFamily=${instFamily}&tdMode=${tdMode}`,
  );
  const rows = reader.array(reader.object(response, 'response').data, 'data').map((raw, index) => {
    const where = `data[${index}]`;
    const row = reader.object(raw, where);
    const tier = reader.integer(row.tier, `${where} tier`);
    const at = `${where} tier ${tier}`;
    const marginFactor = reader.decimal(row.optMgnFactor, `${at} optMgnFactor`, 'positive');
    if (new Decimal(marginFactor).gt(10))
      reader.fail(`${at} optMgnFactor`, `is ${marginFactor}, not a margin factor (at most 10)`);
    return {
      tier,
      maxContracts: reader.decimal(row.maxSz, `${at} maxSz`, 'positive'),
      marginFactor,
    };
  });
  rows.sort((a, b) => new Decimal(a.maxContracts).comparedTo(b.maxContracts));
  if (rows.length === 0) reader.fail('data', `lists no option tiers for ${instFamily}`);
  return rows;
}

/** The margin factor of the tier holding `sellerContracts` short contracts of the family. */
export function okxOptionMarginFactor(
  tiers: readonly OkxOptionTier[],
  sellerContracts: Decimal,
  instFamily: string,
): string {
  const tier = tiers.find((candidate) => sellerContracts.lte(candidate.maxContracts));
  if (tier === undefined)
    return new PayloadReader('okx', `${OKX_POSITION_TIERS_ENDPOINT}?instType=OPTION`).fail(
      `${instFamily} tiers`,
      `${sellerContracts.toFixed()} short contracts exceed the last tier (${tiers[tiers.length - 1]?.maxContracts ?? '?'} contracts)`,
    );
  return tier.marginFactor;
}
