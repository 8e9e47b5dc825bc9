import { describe, expect, it } from 'vitest';
import { findChromium } from '../../scripts/support/find-chromium';

describe('findChromium', () => {
  it('uses CHROME_PATH alone when it is set', () => {
    expect(
      findChromium({ CHROME_PATH: '/opt/chromium' }, 'linux', (path) => path === '/opt/chromium'),
    ).toEqual({ found: true, path: '/opt/chromium' });
    expect(findChromium({ CHROME_PATH: '/missing' }, 'linux', () => false)).toEqual({
      found: false,
      tried: ['/missing'],
    });
  });

  it('prefers Chromium over branded Chrome and lists what it tried', () => {
    expect(
      findChromium(
        {},
        'linux',
        (path) => path === '/usr/bin/chromium' || path === '/usr/bin/google-chrome',
      ),
    ).toEqual({ found: true, path: '/usr/bin/chromium' });
    const none = findChromium({}, 'darwin', () => false);
    expect(none.found).toBe(false);
    expect(!none.found && none.tried[0]).toBe('/Applications/Chromium.app/Contents/MacOS/Chromium');
  });
});
