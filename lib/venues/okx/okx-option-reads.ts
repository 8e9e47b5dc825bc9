import Decimal from 'decimal.js';
import { okxOptionMarginFactor, parseOkxOptionTiers, type OkxOptionTier } from './okx-option-tiers';
import { parseOkxOptionMarks } from './okx-option-summary';
import type { OkxPositionRow } from './okx-positions';

/**
 * What OKX option positions need beyond their rows, read from OKX's public endpoints once per
 * option family held: the mark IVs and their forwards (`GET /api/v5/public/opt-summary`,
 * okx-option-summary.ts), the
 * seller tier's margin factor for the family's short contracts (`GET /api/v5/public/position-tiers`
 * with instType OPTION, okx-option-tiers.ts; asked for short positions only — a long option has no
 * margin), and each underlying's index as OKX read it with the position (`idxPx`).
 */
export interface OkxOptionPublicApi {
  publicGetPublicPositionTiers(params: object): Promise<unknown>;
  publicGetPublicOptSummary(params: object): Promise<unknown>;
}

export interface OkxOptionFigures {
  /** The option fields of a position row (none for a swap or future). */
  readonly of: (
    row: OkxPositionRow,
    index: number,
  ) => { markIv?: number; forwardPrice?: string; optionMarginFactor?: string };
  /** Index prices by underlying coin, as OKX read them with the option positions. */
  readonly indexes: ReadonlyMap<string, string>;
}

export async function readOkxOptionFigures(
  okx: OkxOptionPublicApi,
  rows: readonly OkxPositionRow[],
  families: readonly string[],
  bases: readonly string[],
): Promise<OkxOptionFigures> {
  const options = rows.flatMap((row, index) => (row.instType === 'OPTION' ? [index] : []));
  const familyOf = (index: number) => families[index] as string;
  const held = [...new Set(options.map(familyOf))];
  const marks = new Map(
    await Promise.all(
      held.map(
        async (family) =>
          [
            family,
            parseOkxOptionMarks(
              await okx.publicGetPublicOptSummary({ instFamily: family }),
              family,
              options
                .filter((index) => familyOf(index) === family)
                .map((index) => (rows[index] as OkxPositionRow).instId),
            ),
          ] as const,
      ),
    ),
  );
  // The seller's tier counts the family's short contracts together (OKX: "the total amount of
  // seller's positions and open orders"); each margin mode lists its own tiers.
  const shorts = options.filter((index) => (rows[index] as OkxPositionRow).side === 'short');
  const sellerContracts = new Map<string, Decimal>();
  for (const index of shorts) {
    const family = familyOf(index);
    sellerContracts.set(
      family,
      (sellerContracts.get(family) ?? new Decimal(0)).plus(
        (rows[index] as OkxPositionRow).contracts,
      ),
    );
  }
  const tierKeys = [
    ...new Set(
      shorts.map((index) => `${familyOf(index)} ${(rows[index] as OkxPositionRow).marginMode}`),
    ),
  ];
  const tiers = new Map<string, OkxOptionTier[]>(
    await Promise.all(
      tierKeys.map(async (key) => {
        const [family = '', mode = ''] = key.split(' ');
        const response = await okx.publicGetPublicPositionTiers({
          instType: 'OPTION',
          tdMode: mode,
          instFamily: family,
        });
        return [key, parseOkxOptionTiers(response, family, mode)] as const;
      }),
    ),
  );
  const indexes = new Map<string, string>();
  for (const index of options) {
    const price = (rows[index] as OkxPositionRow).indexPrice;
    if (price !== undefined) indexes.set(bases[index] as string, price);
  }
  return {
    indexes,
    of(row, index) {
      if (row.instType !== 'OPTION') return {};
      const family = familyOf(index);
      const mark = marks.get(family)?.get(row.instId);
      const familyTiers = tiers.get(`${family} ${row.marginMode}`);
      return {
        ...(mark !== undefined && { markIv: mark.markIv }),
        ...(mark?.forwardPrice !== undefined && { forwardPrice: mark.forwardPrice }),
        ...(row.side === 'short' &&
          familyTiers !== undefined && {
            optionMarginFactor: okxOptionMarginFactor(
              familyTiers,
              sellerContracts.get(family) ?? new Decimal(0),
              family,
            ),
          }),
      };
    },
  };
}
