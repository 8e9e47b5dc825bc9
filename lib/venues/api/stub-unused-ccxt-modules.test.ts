import { readFileSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stubUnusedCcxtModules, withoutUnusedCode } from './stub-unused-ccxt-modules';

const CCXT_SRC = realpathSync(resolve('node_modules/ccxt/js/src'));
const EXCHANGE = `${CCXT_SRC}/base/Exchange.js`;

type ResolveId = (source: string, importer: string | undefined) => string | null;
type Load = (id: string) => string | null;
type Transform = (code: string, id: string) => { code: string } | null;
const plugin = stubUnusedCcxtModules();
const resolveId = plugin.resolveId as unknown as ResolveId;
const load = plugin.load as unknown as Load;
const transform = plugin.transform as unknown as Transform;

describe('stubUnusedCcxtModules', () => {
  it('was checked against the ccxt version installed (re-check the list on an upgrade)', () => {
    const ccxt = JSON.parse(readFileSync('node_modules/ccxt/package.json', 'utf8')) as {
      version: string;
    };
    expect(ccxt.version).toBe('4.5.84');
  });

  it.each([
    ['./ws/WsClient.js', EXCHANGE],
    ['../static_dependencies/zklink/zklink-sdk-web.js', EXCHANGE],
    ['../static_dependencies/dydx-v4-client/helpers.js', EXCHANGE],
    ['../protobuf/mexc/compiled.cjs', EXCHANGE],
    ['./functions/starknet.js', EXCHANGE],
    ['@scure/starknet', EXCHANGE],
    ['@noble/curves/secp256k1.js', `${CCXT_SRC}/hyperliquid.js`],
    ['./msgpack.js', `${CCXT_SRC}/base/functions/encode.js`],
  ])('stubs %s imported from ccxt', (source, importer) => {
    expect(resolveId(source, importer)).toMatch(/^\0unused-ccxt:/);
  });

  it.each([
    ['./Precise.js', EXCHANGE],
    ['@noble/curves/ed25519.js', `${CCXT_SRC}/binance.js`],
    ['@noble/hashes/hmac.js', `${CCXT_SRC}/base/functions/crypto.js`],
    ['./binance.js', `${CCXT_SRC}/binanceusdm.js`],
    // Outside ccxt nothing is replaced.
    ['@noble/curves/secp256k1.js', resolve('lib/venues/api/create-exchange.ts')],
    ['./ws/WsClient.js', undefined],
  ])('leaves %s alone', (source, importer) => {
    expect(resolveId(source, importer)).toBeNull();
  });

  it('makes a stub whose every use throws, naming what is missing', async () => {
    const id = resolveId('./ws/OrderBook.js', EXCHANGE) ?? '';
    const code = load(id) ?? '';
    const url = `data:text/javascript,${encodeURIComponent(code)}`;
    const stub = (await import(/* @vite-ignore */ url)) as Record<string, unknown>;
    expect(Object.keys(stub).sort()).toEqual(
      ['CountedOrderBook', 'Future', 'IndexedOrderBook', 'OrderBook', 'default'].sort(),
    );
    const missing = /ccxt websockets \(base\/ws\/\) is not in Margin Lens's build of ccxt/;
    const OrderBook = stub.OrderBook as new () => unknown;
    expect(() => new OrderBook()).toThrow(missing);
    const Future = stub.Future as { race(): unknown };
    expect(() => Future.race()).toThrow(missing);
    expect(load('/some/other/module.js')).toBeNull();
  });

  it("cuts Lighter's WebAssembly loader and the proxy agents' import() out of Exchange.js", () => {
    const source = readFileSync(EXCHANGE, 'utf8');
    expect(source).toContain('WebAssembly.instantiate');
    const code = transform(source, EXCHANGE)?.code ?? '';
    expect(code).not.toContain('WebAssembly');
    // No import() of a computed name is left (literal ones are resolved by the bundler).
    expect(code.match(/\bimport\((?!\s*['"`])(?!\s*\/\*[^*]*\*\/\s*['"`])/g)).toBeNull();
    expect(code).toContain("is not in Margin Lens's build of ccxt");
    expect(code.length).toBeLessThan(source.length);
    expect(transform(source, `${CCXT_SRC}/binance.js`)).toBeNull();
    expect(() => withoutUnusedCode('base/Exchange.js', 'class Exchange {}')).toThrow(
      /proxy agent loading: "const dynamicImport = async \(moduleName\) =>" is not found once in ccxt's base\/Exchange\.js/,
    );
  });
});
