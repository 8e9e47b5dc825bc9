/**
 * Where the overlay sits: dragged by the trader, remembered per site, kept inside the window and
 * off the order form (the trader must always reach the order button).
 *
 * Kept in the page origin's localStorage from the content script: it is only a position, a page
 * that reads it learns where our box is (which it can see anyway), and one that forges it can
 * only move the box, which `placeOverlay` keeps on screen and off the form. No extension storage
 * is opened to content scripts for it.
 */
export interface OverlayPlace {
  /** Distance of the overlay's top-left corner from the window's top-left, CSS pixels. */
  readonly left: number;
  readonly top: number;
}

export interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

const STORAGE_KEY = 'margin-lens:overlay-place';
const MARGIN = 8;

export function loadPlace(storage: Pick<Storage, 'getItem'>): OverlayPlace | null {
  try {
    const value: unknown = JSON.parse(storage.getItem(STORAGE_KEY) ?? 'null');
    if (typeof value !== 'object' || value === null) return null;
    const { left, top } = value as Record<string, unknown>;
    return typeof left === 'number' && typeof top === 'number' && isFinite(left) && isFinite(top)
      ? { left, top }
      : null;
  } catch {
    return null;
  }
}

export function savePlace(storage: Pick<Storage, 'setItem'>, place: OverlayPlace): void {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify({ left: place.left, top: place.top }));
  } catch {
    // A page that forbids storage only costs the remembered place.
  }
}

/**
 * The place to draw the overlay: the wanted one (or bottom-right), inside the window, and moved
 * beside the order form when it would cover it (left of the form, else right, else above it).
 */
export function placeOverlay(
  wanted: OverlayPlace | null,
  size: { readonly width: number; readonly height: number },
  window: { readonly width: number; readonly height: number },
  avoid: Box | null,
): OverlayPlace {
  const clamp = (place: OverlayPlace): OverlayPlace => ({
    left: Math.min(
      Math.max(MARGIN, place.left),
      Math.max(MARGIN, window.width - size.width - MARGIN),
    ),
    top: Math.min(
      Math.max(MARGIN, place.top),
      Math.max(MARGIN, window.height - size.height - MARGIN),
    ),
  });
  const place = clamp(
    wanted ?? {
      left: window.width - size.width - 16,
      top: window.height - size.height - 16,
    },
  );
  if (avoid === null || !overlaps({ ...place, ...size }, avoid)) return place;
  const candidates: OverlayPlace[] = [
    { left: avoid.left - size.width - MARGIN, top: place.top },
    { left: avoid.left + avoid.width + MARGIN, top: place.top },
    { left: place.left, top: avoid.top - size.height - MARGIN },
  ];
  for (const candidate of candidates) {
    const clamped = clamp(candidate);
    if (!overlaps({ ...clamped, ...size }, avoid)) return clamped;
  }
  return place;
}

export function overlaps(a: Box, b: Box): boolean {
  return (
    a.left < b.left + b.width &&
    b.left < a.left + a.width &&
    a.top < b.top + b.height &&
    b.top < a.top + a.height
  );
}
