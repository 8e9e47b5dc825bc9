import type { OrderFormReading, PageDescriptor } from './page-descriptor';

/** One reading of the page's order form, with the element (to stay off it) and when it began. */
export interface FormSnapshot {
  readonly form: Element | null;
  /** Null when the page shows no order form the venue's reader recognises. */
  readonly reading: OrderFormReading | null;
  /** `event.timeStamp` of the input that caused this reading (for the latency figures); null for a poll. */
  readonly eventTime: number | null;
}

/**
 * Reads the order form whenever the trader changes it: input and change events anywhere in the
 * form (typing, selects, checkboxes), clicks (tabs such as Limit / Market, Open / Close), and a
 * poll for forms the page mounts or replaces later (single-page apps re-render them). Listens
 * passively in the capture phase and never alters the page or its events. Reading happens in
 * the event itself (a few attribute reads), so the figures can follow within a frame.
 */
export function watchOrderForm(
  descriptor: PageDescriptor,
  onChange: (snapshot: FormSnapshot) => void,
  signal: AbortSignal,
  pollMs = 1000,
): void {
  let form: Element | null = null;
  let last = '';
  const read = (eventTime: number | null, force: boolean) => {
    if (form === null || !form.isConnected) form = safely(() => descriptor.findOrderForm(document));
    const reading = form === null ? null : safely(() => descriptor.readOrderForm(form as Element));
    const key = JSON.stringify(reading);
    if (!force && key === last) return;
    last = key;
    onChange({ form, reading, eventTime });
  };
  const onEvent = (event: Event) => {
    const target = event.target;
    // A form the page has re-rendered (detached) no longer filters: the read finds the new one.
    if (form?.isConnected && target instanceof Node && !form.contains(target)) return;
    // Clicks change tabs after the page's own handler has run: read on the next frame too.
    read(event.timeStamp, false);
    if (event.type === 'click') requestAnimationFrame(() => read(event.timeStamp, false));
  };
  for (const type of ['input', 'change', 'click'] as const)
    document.addEventListener(type, onEvent, { capture: true, passive: true, signal });
  const timer = setInterval(() => read(null, false), pollMs);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
  read(null, true);
}

/** A reader must never break the overlay: odd markup reads as "no form". */
function safely<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}
