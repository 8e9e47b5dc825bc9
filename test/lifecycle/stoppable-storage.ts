import { AsyncLocalStorage } from 'node:async_hooks';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/**
 * A service worker the browser stops part-way through an operation. Chromium stops an idle
 * worker after 30 s, and one busy with a single event for 5 min; from the extension's side the
 * stop can fall at any `await`. What survives is what reached storage, so the stop is modelled
 * at storage writes: every `set`, `remove` and `clear` of `browser.storage.local` and
 * `browser.storage.session` is counted (each call is atomic, as in the browser), and from
 * `stopAtWrite(k)` on, the k-th write never lands; the worker that asked for it is dead, and
 * no later write of it lands either (its promises waiting on them never settle).
 *
 * Which worker writes is known by Node's AsyncLocalStorage: `inWorker` runs code as one worker,
 * and everything that code starts (awaits, timers, ccxt's HTTP answers) stays that worker's. A
 * dead worker's requests still in flight when the next worker starts would otherwise write into
 * the new worker's storage, which a stopped worker can never do. `restoreStorage` ends every
 * worker before it: what an earlier case left running writes nothing into the next case.
 *
 * A restart is a new worker over the same storage: `vi.resetModules()` and fresh imports, so
 * that nothing in module memory (queues, caches, WXT's per-item flags) carries over. Session
 * storage outlives the worker, as it does in the browser (only a browser stop clears it).
 */
export interface StoppableStorage {
  /** Writes counted since the last `stopAtWrite` (or since the start). */
  readonly writes: number;
  /** Whether the stop has come (a worker is dead). */
  readonly stopped: boolean;
  /** The `write`-th write from now on, and every later one of the same worker, never lands. */
  stopAtWrite(write: number): void;
  /** Writes land again, for workers started from now on. */
  restart(): void;
  /** Ends every worker started so far: none of their writes lands any more. */
  endWorkers(): void;
  /** Runs `work` as a new worker. */
  inWorker<T>(work: () => T): T;
  /** Puts the fake browser's storage methods back. */
  release(): void;
}

type Area = typeof fakeBrowser.storage.local;
const WRITES = ['set', 'remove', 'clear'] as const;

interface Worker {
  dead: boolean;
}

export function stoppableStorage(): StoppableStorage {
  let writes = 0;
  let stopAt = Number.POSITIVE_INFINITY;
  let stopped = false;
  const current = new AsyncLocalStorage<Worker>();
  let started: Worker[] = [];
  const areas: Area[] = [fakeBrowser.storage.local, fakeBrowser.storage.session];
  const originals = areas.map((area) => WRITES.map((method) => area[method]));
  for (const area of areas) {
    for (const method of WRITES) {
      const original = area[method] as (...args: unknown[]) => Promise<void>;
      (area as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        const worker = current.getStore();
        if (worker?.dead) return new Promise<void>(() => {});
        writes += 1;
        if (writes === stopAt || stopped) {
          stopped = true;
          if (worker !== undefined) worker.dead = true;
          return new Promise<void>(() => {});
        }
        return original.apply(area, args);
      };
    }
  }
  return {
    get writes() {
      return writes;
    },
    get stopped() {
      return stopped;
    },
    stopAtWrite(write) {
      writes = 0;
      stopAt = write;
      stopped = false;
    },
    restart() {
      stopped = false;
      stopAt = Number.POSITIVE_INFINITY;
    },
    endWorkers() {
      started.forEach((worker) => (worker.dead = true));
      started = [];
    },
    inWorker(work) {
      const worker: Worker = { dead: false };
      started.push(worker);
      return current.run(worker, work);
    },
    release() {
      this.endWorkers();
      areas.forEach((area, i) =>
        WRITES.forEach((method, j) => {
          (area as unknown as Record<string, unknown>)[method] = originals[i]?.[j];
        }),
      );
    },
  };
}

/** Everything in local and session storage (deep copies), to start each case from. */
export async function storageSnapshot(): Promise<StorageSnapshot> {
  return structuredClone({
    local: await fakeBrowser.storage.local.get(),
    session: await fakeBrowser.storage.session.get(),
  });
}

export interface StorageSnapshot {
  readonly local: Record<string, unknown>;
  readonly session: Record<string, unknown>;
}

/**
 * Ends every worker, resets the fake browser and puts a snapshot back (writes made here are not
 * counted).
 */
export async function restoreStorage(
  storage: StoppableStorage,
  snapshot: StorageSnapshot,
): Promise<void> {
  storage.endWorkers();
  fakeBrowser.reset();
  await fakeBrowser.storage.local.set(structuredClone(snapshot.local));
  await fakeBrowser.storage.session.set(structuredClone(snapshot.session));
  storage.stopAtWrite(Number.POSITIVE_INFINITY);
}

/**
 * Runs `operation` as a new worker until it ends or the worker stops, then waits until no write
 * has come for `quietMs` (work the operation left running: an evaluation it started without
 * waiting for it).
 */
export async function runUntilStopped(
  storage: StoppableStorage,
  operation: () => Promise<unknown>,
  quietMs = 30,
): Promise<{ readonly ended: boolean; readonly error?: unknown }> {
  let ended = false;
  let error: unknown;
  void storage.inWorker(operation).then(
    () => (ended = true),
    (reason: unknown) => {
      ended = true;
      error = reason;
    },
  );
  while (!ended && !storage.stopped) await sleep(1);
  let seen = -1;
  while (seen !== storage.writes) {
    seen = storage.writes;
    await sleep(quietMs);
  }
  return { ended, ...(error !== undefined && { error }) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
