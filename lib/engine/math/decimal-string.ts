/**
 * The decimal-string grammar: how a decimal number is written as text wherever Margin Lens reads
 * one (venue answers, portfolio files). An optional sign, digits with an optional point (or a
 * point and digits), an optional exponent; nothing else, no spaces:
 *
 *   "1", "1.", ".5", "+1", "-2.5e-3", "1E5", "0.000" are decimal strings;
 *   "", " 1", "1,5", "0x10", "0b11", "0o7", "1_0", "Infinity", "NaN", "5%", "1e" are not.
 *
 * It is the set of texts decimal.js reads as a finite decimal, less decimal.js's binary, octal
 * and hexadecimal prefixes, its `_` digit separators and its "Infinity"/"NaN" words
 * (https://mikemcl.github.io/decimal.js/#decimal: "String values in binary, hexadecimal or octal
 * notation are also accepted if they include the appropriate prefix").
 *
 * The pattern is anchored at both ends and has no `g` flag (so `test` keeps no state). Each
 * character can be matched in one way only, so a test is one linear pass even on a long text;
 * the equivalent `/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/` backtracks quadratically (a string
 * of 30,000 digits and an "x" takes 1.5 s). Units: none, it is a form of text.
 */
export const DECIMAL_STRING = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
