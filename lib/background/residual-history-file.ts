/**
 * Where the built extension carries filtered historical simulation's residual history: a data
 * file beside the code (wxt.config.ts copies `lib/engine/market/residual-history.json` there),
 * read by the service worker only when a portfolio asks for that method.
 */
export const RESIDUAL_HISTORY_FILE = 'data/residual-history.json';
