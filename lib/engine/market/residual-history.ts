import history from './residual-history.json';
import type { ResidualHistory } from './filtered-historical';

/** The embedded residual history for filtered historical simulation (written by `npm run calibrate`). */
export const RESIDUAL_HISTORY: ResidualHistory = history;
