import { InstrumentKind, type Account } from './types';

/** Whether an account holds options (the venues whose option rules differ from their futures'). */
export function holdsOptions(account: Account): boolean {
  return account.positions.some((position) => position.instrument.kind === InstrumentKind.option);
}
