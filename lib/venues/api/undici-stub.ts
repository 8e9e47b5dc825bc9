/**
 * Stands in for `undici` in the extension build (wxt.config.ts alias). ccxt imports undici only
 * in Node, to tune connection pooling; in a service worker it uses the platform's `fetch`, so
 * bundling undici would add ~500 KB that never runs (research/toolchain.md §5b). In Node (unit
 * tests) ccxt's `new Agent()` fails on this stub and ccxt falls back to Node's global fetch.
 */
export default {};
export const Agent = undefined;
export const fetch = undefined;
export const WebSocket = undefined;
