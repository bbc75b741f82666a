/**
 * Policy size as AWS counts it against its quotas: characters, not counting white space
 * ("IAM doesn't count white space when calculating the size of a policy against these limits").
 */

/** AWS's quotas, in characters excluding white space. */
export const policySizeLimits = {
  managed: 6144,
  inlineUser: 2048,
  inlineGroup: 5120,
  inlineRole: 10240,
  trust: 2048,
  session: 2048,
} as const;

export function measurePolicySize(text: string): number {
  let size = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) size++;
  }
  return size;
}
