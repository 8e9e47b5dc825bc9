import { realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Plugin } from 'vite';

/**
 * A build plugin that leaves out of the extension the ccxt modules Margin Lens's six venues
 * (binanceusdm, binancecoinm, bybit, okx, deribit, hyperliquid) never run. ccxt's base Exchange
 * imports them statically for other exchanges and for websockets, so importing one exchange
 * module at a time (create-exchange.ts) still bundles them. Each is replaced by a module with the
 * same exports, every one of which throws, naming what is missing, if it is ever used. Only
 * imports made from ccxt's own sources are replaced.
 *
 * Why each is unused, read in ccxt 4.5.84 (js/src/base/Exchange.js unless said otherwise):
 * - `base/ws/`: websocket clients, futures and order books, used by `watch*` methods and `spawn`
 *   (ccxt pro); the adapters make REST calls only.
 * - `protobuf/mexc/compiled.cjs`: loaded by `loadExchangeSpecificFiles` only when the id is mexc.
 * - `static_dependencies/dydx-v4-client/`: `toDydxLong` and `loadDydxProtos`, dYdX signing.
 * - `static_dependencies/zklink/`: `getZKContractSignatureObj`, `getZKTransferSignatureObj`
 *   (ApeX, apex.js).
 * - `base/functions/starknet.js`, `@scure/starknet`: StarkNet account derivation and signing.
 * - `@noble/curves/secp256k1.js`, `@noble/curves/nist.js`: ECDSA (crypto.js `ecdsa`, Ethereum
 *   and dYdX key helpers). Binance, Bybit, OKX, Bitget, Gate and Deribit sign with HMAC
 *   (Binance also Ed25519, kept; RSA goes through Node's crypto, which a browser build does not
 *   have); Hyperliquid signs only orders and transfers (`signL1Action`, `signUserSignedAction`),
 *   and Margin Lens reads it by public address through the unsigned info endpoint.
 * - `base/functions/ethabi.js`, `base/functions/msgpack.js`: `ethAbiEncode`,
 *   `ethEncodeStructuredData` and `packb`, used by that same Hyperliquid action signing.
 *
 * Two pieces of base/Exchange.js itself load code at run time, and are cut out of its source
 * as it is bundled (`UNUSED_CODE`, issue 13 finding 10): `loadLighterLibrary` (Lighter's Go
 * WebAssembly signer: `import()` of a file path, then `WebAssembly.instantiate`; Node only) and
 * `dynamicImport` (an `import()` of a module name, for proxy agents, which the extension never
 * configures). With them gone the worker's bundle holds no `import()` of a computed name and no
 * WebAssembly, and the extension's CSP can leave out `'wasm-unsafe-eval'` (extension-csp.ts).
 * The zkLink signer's WebAssembly loader (`zklink-sdk-web.js`) is one of the modules above.
 *
 * `npm run build:chrome` fails if an export ccxt imports from one of them is missing here, or if
 * a piece of `UNUSED_CODE` is not found where it was.
 * Verified by the venue adapter tests run with this plugin (commit message of the change that
 * added it) and by the e2e tests, which load the built extension. Re-check on a ccxt upgrade
 * (stub-unused-ccxt-modules.test.ts pins the version).
 */
// As the bundler sees importers: with symbolic links resolved.
const CCXT_SRC = realpathSync(resolve('node_modules/ccxt/js/src'));

const UNUSED: readonly {
  /** A file or folder under ccxt's js/src, or a package that ccxt imports. */
  readonly module: string;
  readonly what: string;
  /** The names ccxt imports from it. */
  readonly exports: readonly string[];
}[] = [
  {
    module: 'base/ws/',
    what: 'ccxt websockets',
    exports: ['default', 'Future', 'OrderBook', 'IndexedOrderBook', 'CountedOrderBook'],
  },
  { module: 'protobuf/mexc/compiled.cjs', what: 'MEXC protobuf', exports: ['default'] },
  {
    module: 'static_dependencies/dydx-v4-client/',
    what: 'dYdX signing',
    exports: ['Long', 'encodeAsAny', 'AuthInfo', 'Tx', 'TxBody', 'TxRaw', 'SignDoc', 'SignMode'],
  },
  {
    module: 'static_dependencies/zklink/',
    what: 'zkLink signing',
    exports: [
      'default',
      'newRpcSignerWithProvider',
      'ContractBuilder',
      'newContract',
      'TransferBuilder',
      'newTransfer',
    ],
  },
  {
    module: 'base/functions/starknet.js',
    what: 'StarkNet signing',
    exports: [
      'calculateContractAddressFromHash',
      'compileCalldata',
      'computePoseidonHashOnElements',
      'getMessageHash',
      'getSelectorFromName',
    ],
  },
  {
    module: '@scure/starknet',
    what: 'StarkNet signing',
    exports: ['getStarkKey', 'ethSigToPrivate', 'sign'],
  },
  { module: '@noble/curves/secp256k1.js', what: 'ECDSA signing', exports: ['secp256k1'] },
  { module: '@noble/curves/nist.js', what: 'ECDSA signing', exports: ['p256'] },
  {
    module: 'base/functions/ethabi.js',
    what: 'Ethereum ABI encoding',
    exports: ['abiEncode', 'TypedDataEncoder'],
  },
  { module: 'base/functions/msgpack.js', what: 'MessagePack encoding', exports: ['serialize'] },
];

/** Source cut out of ccxt's own files as they are bundled: each `from` must be found once. */
const UNUSED_CODE: readonly {
  readonly file: string;
  readonly what: string;
  /** The text to replace, from its first characters to (not including) `until`. */
  readonly from: string;
  readonly until: string;
  readonly by: string;
}[] = [
  {
    file: 'base/Exchange.js',
    what: 'proxy agent loading',
    from: 'const dynamicImport = async (moduleName) =>',
    until: '\n',
    by:
      'const dynamicImport = async (moduleName) => { throw new Error("proxy agent " + ' +
      'moduleName + " (ccxt dynamicImport) is not in Margin Lens\'s build of ccxt"); };',
  },
  {
    file: 'base/Exchange.js',
    what: 'the Lighter WebAssembly signer',
    from: '    async loadLighterLibrary(',
    until: '    lighterCreateClient(',
    by:
      '    async loadLighterLibrary() {\n' +
      '        throw new Error("the Lighter signer, a Go WASM module (ccxt loadLighterLibrary), is not in ' +
      'Margin Lens\'s build of ccxt");\n    }\n',
  },
];

/** `code` with every `UNUSED_CODE` piece of `file` (under ccxt's js/src) cut out. */
export function withoutUnusedCode(file: string, code: string): string {
  let result = code;
  for (const piece of UNUSED_CODE.filter((entry) => entry.file === file)) {
    const start = result.indexOf(piece.from);
    const end = start < 0 ? -1 : result.indexOf(piece.until, start + piece.from.length);
    if (start < 0 || end < 0 || result.indexOf(piece.from, start + 1) >= 0)
      throw new Error(
        `${piece.what}: ${JSON.stringify(piece.from)} is not found once in ccxt's ${file}; re-check UNUSED_CODE for this ccxt version`,
      );
    result = result.slice(0, start) + piece.by + result.slice(end);
  }
  return result;
}

// Virtual module ids: no file extension, so that the stub of a `.cjs` file is read as ESM.
const PREFIX = '\0unused-ccxt:';
const stubId = (module: string) => PREFIX + module.replace(/[^\w@]+/g, '-');

function unusedModuleOf(source: string, importer: string): string | undefined {
  const target = source.startsWith('.') ? resolve(dirname(importer), source) : source;
  return UNUSED.find(({ module }) =>
    module.startsWith('@') || !module.includes('/')
      ? target === module
      : module.endsWith('/')
        ? target.startsWith(resolve(CCXT_SRC, module) + '/')
        : target === resolve(CCXT_SRC, module),
  )?.module;
}

export function stubUnusedCcxtModules(): Plugin {
  return {
    name: 'margin-lens:stub-unused-ccxt-modules',
    enforce: 'pre',
    resolveId(source, importer) {
      const from = importer?.split('?')[0];
      if (from === undefined || !from.startsWith(CCXT_SRC + '/')) return null;
      const module = unusedModuleOf(source, from);
      return module === undefined ? null : stubId(module);
    },
    transform(code, id) {
      const file = id.split('?')[0] ?? '';
      if (!file.startsWith(CCXT_SRC + '/')) return null;
      const relative = file.slice(CCXT_SRC.length + 1);
      if (!UNUSED_CODE.some((piece) => piece.file === relative)) return null;
      return { code: withoutUnusedCode(relative, code), map: null };
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const entry = UNUSED.find(({ module }) => stubId(module) === id);
      if (!entry) return null;
      const message = `${entry.what} (${entry.module}) is not in Margin Lens's build of ccxt`;
      return [
        `const fail = () => { throw new Error(${JSON.stringify(message)}); };`,
        'const stub = new Proxy(function () {}, {',
        '  apply: fail,',
        '  construct: fail,',
        // Any property is the stub again (`Future.race`, `Long.fromString`), except that it is
        // not a thenable and has no symbols, so that awaiting or printing it does not throw.
        "  get: (target, key) => key === 'prototype' ? target.prototype",
        "    : key === 'then' || typeof key === 'symbol' ? undefined : stub,",
        '});',
        ...entry.exports.map((name) =>
          name === 'default' ? 'export default stub;' : `export const ${name} = stub;`,
        ),
      ].join('\n');
    },
  };
}
