import { InstrumentKind, type Instrument } from './types';

/**
 * Whether an instrument is an inverse perpetual or future: its size is a USD notional N, its
 * P&L and margin are in its base coin (N·(1/EP − 1/P)), so sizes add as USD and entry prices
 * average harmonically.
 */
export function isInverseContract(instrument: Instrument): boolean {
  return (
    instrument.kind === InstrumentKind.inversePerpetual ||
    instrument.kind === InstrumentKind.inverseFuture
  );
}
