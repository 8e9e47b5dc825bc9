/**
 * Whether the exchange page is dark or light, from the painted background behind `element` (the
 * order form, else the body): the first ancestor with an opaque background colour decides by its
 * relative luminance (WCAG 2.x definition). Falls back to the page's `color-scheme` preference.
 */
export function pageIsDark(element: Element | null): boolean {
  for (
    let node: Element | null = element ?? document.body;
    node !== null;
    node = node.parentElement
  ) {
    const rgb = parseRgb(getComputedStyle(node).backgroundColor);
    if (rgb !== null && rgb.alpha > 0.5) return relativeLuminance(rgb) < 0.4;
  }
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

interface Rgb {
  readonly red: number;
  readonly green: number;
  readonly blue: number;
  readonly alpha: number;
}

/** `rgb(r, g, b)` / `rgba(r, g, b, a)` as computed styles give them; null otherwise. */
export function parseRgb(css: string): Rgb | null {
  const match = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,/\s]+([\d.]+))?\s*\)$/.exec(
    css,
  );
  if (!match) return null;
  return {
    red: Number(match[1]),
    green: Number(match[2]),
    blue: Number(match[3]),
    alpha: match[4] === undefined ? 1 : Number(match[4]),
  };
}

/** WCAG relative luminance of an sRGB colour, 0 (black) to 1 (white). */
export function relativeLuminance({ red, green, blue }: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
}
