/**
 * Calls `onChange(url)` whenever the page's URL changes, including single-page-app navigation
 * made by the page itself with history.pushState (which the Navigation API does not report to a
 * content script's isolated world). Checks on popstate and every `intervalMs`; stops when
 * `signal` aborts. Cost: one string comparison per interval.
 */
export function watchLocation(
  onChange: (url: string) => void,
  signal: AbortSignal,
  intervalMs = 500,
): void {
  let last = location.href;
  const check = () => {
    if (location.href === last) return;
    last = location.href;
    onChange(last);
  };
  const timer = setInterval(check, intervalMs);
  window.addEventListener('popstate', check, { signal });
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}
