/**
 * The `client_signature` grant of Deribit's `public/auth`
 * (https://docs.deribit.com/api-reference/authentication/public-auth and
 * https://docs.deribit.com/articles/authentication):
 *   Signature = HEX( HMAC-SHA256( ClientSecret, Timestamp + "\n" + Nonce + "\n" + Data ) )
 * so the secret itself never travels. Web Crypto's HMAC (available in service workers and in
 * Node ≥ 20), so no hashing library is bundled for it.
 */
export interface DeribitClientSignatureParams {
  readonly grant_type: 'client_signature';
  readonly client_id: string;
  readonly timestamp: number;
  readonly nonce: string;
  readonly data: string;
  readonly signature: string;
}

export async function deribitClientSignature(
  clientId: string,
  secret: string,
  timestampMs: number,
  nonce: string,
): Promise<DeribitClientSignatureParams> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const data = '';
  const mac = await crypto.subtle.sign(
    'HMAC',
    key,
    encoder.encode(`${timestampMs}\n${nonce}\n${data}`),
  );
  const signature = Array.from(new Uint8Array(mac), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
  return {
    grant_type: 'client_signature',
    client_id: clientId,
    timestamp: timestampMs,
    nonce,
    data,
    signature,
  };
}
