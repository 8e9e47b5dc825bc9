import { describe, expect, it } from 'vitest';
import { loadPlace, overlaps, placeOverlay, savePlace } from './overlay-place';

describe('placeOverlay', () => {
  const size = { width: 340, height: 400 };
  const window = { width: 1280, height: 820 };

  it('starts bottom-right and stays inside the window', () => {
    expect(placeOverlay(null, size, window, null)).toEqual({ left: 924, top: 404 });
    expect(placeOverlay({ left: 5000, top: -40 }, size, window, null)).toEqual({
      left: 932,
      top: 8,
    });
  });

  it('moves off the order form: to its left, else its right, else above it', () => {
    const form = { left: 960, top: 30, width: 320, height: 300 };
    const placed = placeOverlay({ left: 900, top: 100 }, size, window, form);
    expect(overlaps({ ...placed, ...size }, form)).toBe(false);
    expect(placed).toEqual({ left: 612, top: 100 });
    const leftForm = { left: 0, top: 0, width: 400, height: 820 };
    const right = placeOverlay({ left: 10, top: 100 }, size, window, leftForm);
    expect(right.left).toBe(408);
  });

  it('remembers the place, and ignores a forged or broken one', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (key: string) => store.get(key) ?? null,
      setItem: (key: string, value: string) => void store.set(key, value),
    };
    expect(loadPlace(storage)).toBeNull();
    savePlace(storage, { left: 100, top: 200 });
    expect(loadPlace(storage)).toEqual({ left: 100, top: 200 });
    store.set('margin-lens:overlay-place', '{"left":"1e999","top":null}');
    expect(loadPlace(storage)).toBeNull();
    store.set('margin-lens:overlay-place', 'not json');
    expect(loadPlace(storage)).toBeNull();
  });
});
