// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { pageIsDark, parseRgb, relativeLuminance } from './page-theme';

describe('page theme', () => {
  it('reads the painted background’s luminance', () => {
    expect(parseRgb('rgb(11, 14, 17)')).toEqual({ red: 11, green: 14, blue: 17, alpha: 1 });
    expect(parseRgb('rgba(0, 0, 0, 0)')?.alpha).toBe(0);
    expect(parseRgb('transparent')).toBeNull();
    expect(relativeLuminance({ red: 255, green: 255, blue: 255, alpha: 1 })).toBeCloseTo(1, 12);
    const paint = (color: string) => {
      const section = document.createElement('div');
      section.style.backgroundColor = color;
      const form = document.createElement('form');
      section.append(form);
      document.body.append(section);
      return form;
    };
    const inDark = paint('rgb(11, 14, 17)');
    const inLight = paint('rgb(250, 250, 250)');
    expect(pageIsDark(inDark)).toBe(true);
    expect(pageIsDark(inLight)).toBe(false);
  });
});
