import { describe, expect, it } from 'vitest';
import { HYPERLIQUID_VENUE } from '../../venues/hyperliquid/hyperliquid-venue';
import { HYPERLIQUID_PAGE } from './hyperliquid-page';

const page = (url: string) => HYPERLIQUID_PAGE.instrumentFromUrl(url);

describe('HYPERLIQUID_PAGE.instrumentFromUrl', () => {
  it.each([
    ['https://app.hyperliquid.xyz/trade/BTC', 'BTC/USDC:USDC', 'BTC'],
    ['https://app.hyperliquid.xyz/trade/ETH/', 'ETH/USDC:USDC', 'ETH'],
    ['https://app.hyperliquid.xyz/trade/kPEPE?ref=x', 'KPEPE/USDC:USDC', 'KPEPE'],
    ['https://app.hyperliquid.xyz/trade/xyz:NVDA', 'XYZ-NVDA/USDC:USDC', 'XYZ-NVDA'],
    ['https://app.hyperliquid.xyz/trade/xyz%3ANVDA', 'XYZ-NVDA/USDC:USDC', 'XYZ-NVDA'],
    ['https://app.hyperliquid.xyz/trade/xyz%3aHYUNDAI', 'XYZ-HYUNDAI/USDC:USDC', 'XYZ-HYUNDAI'],
  ])('reads the perpetual on %s', (url, symbol, underlying) => {
    expect(page(url)).toEqual({ venue: 'hyperliquid', symbol, underlying, kind: 'perpetual' });
  });

  it.each([
    'https://app.hyperliquid.xyz/trade',
    'https://app.hyperliquid.xyz/trade/HYPE/USDC',
    'https://app.hyperliquid.xyz/trade/HYPE%2FUSDC',
    'https://app.hyperliquid.xyz/trade/@107',
    'https://app.hyperliquid.xyz/trade/xyz:',
    'https://app.hyperliquid.xyz/trade/:NVDA',
    'https://app.hyperliquid.xyz/trade/a:b:c',
    'https://app.hyperliquid.xyz/trade/xyz%3',
    'https://app.hyperliquid.xyz/trade/BTC%20',
    'https://app.hyperliquid.xyz/tradeBTC',
    'https://app.hyperliquid.xyz/portfolio',
    'https://app.hyperliquid.xyz/en/trade/BTC',
    'https://hyperliquid.xyz/trade/BTC',
    'https://app.hyperliquid.xyz.evil.example/trade/BTC',
    'https://evil.example/app.hyperliquid.xyz/trade/BTC',
    `https://app.hyperliquid.xyz/trade/${'B'.repeat(30)}`,
  ])('ignores %s', (url) => {
    expect(page(url)).toBeNull();
  });

  it('has the venue descriptor’s page matches', () => {
    expect(HYPERLIQUID_PAGE.matches).toBe(HYPERLIQUID_VENUE.pageMatches);
  });
});
