/**
 * How large a decimal string (decimal-string.ts) may be before it is read: at most
 * {@link MAX_DECIMAL_DIGITS} digits before the exponent (leading and trailing zeros counted) and
 * an exponent of at most {@link MAX_DECIMAL_EXPONENT} in absolute value.
 *
 * Why: decimal.js keeps a number as its digits and an exponent, so "1e-20000000" is 11
 * characters but its plain form (`toFixed`, which the venue adapters write into the portfolio
 * file) has 20 million digits (3 s), "1e400000000" does not fit in memory, and 1 / x (OKX's
 * margin ratio is inverted) carries the exponent over. Within the bounds a non-zero value lies
 * between 1e-69 and 1e70 in magnitude and its plain form has at most 72 characters. Venue
 * figures are far inside: 8 to 18 decimals, magnitudes from 1e-18 to 1e15.
 *
 * Cost: one pass over the text. Units: none.
 */
export const MAX_DECIMAL_DIGITS = 40;
export const MAX_DECIMAL_EXPONENT = 30;

/**
 * Why `decimalString` (a text of the decimal-string grammar, which this does not check) is too
 * large to read, e.g. `has more than 40 digits`; undefined when it is within the bounds.
 */
export function decimalStringSizeProblem(decimalString: string): string | undefined {
  const exponentAt = decimalString.search(/[eE]/);
  const mantissa = exponentAt < 0 ? decimalString : decimalString.slice(0, exponentAt);
  const digits = mantissa.replace(/[^0-9]/g, '').length;
  if (digits > MAX_DECIMAL_DIGITS) return `has more than ${MAX_DECIMAL_DIGITS} digits`;
  // The exponent's text is a sign and digits: Number reads it (Infinity for a very long one).
  const exponent = exponentAt < 0 ? 0 : Number(decimalString.slice(exponentAt + 1));
  if (!(Math.abs(exponent) <= MAX_DECIMAL_EXPONENT))
    return `has an exponent beyond ±${MAX_DECIMAL_EXPONENT}`;
  return undefined;
}
