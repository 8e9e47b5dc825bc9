/**
 * What the vault shows of an API key: at most the first and last 4 characters, never more than
 * half the key (⌊length / 4⌋ characters at each end of a key shorter than 16).
 */
export function keyFingerprint(apiKey: string): string {
  const chars = [...apiKey];
  const shown = Math.min(4, Math.floor(chars.length / 4));
  return `${chars.slice(0, shown).join('')}…${chars.slice(chars.length - shown).join('')}`;
}
