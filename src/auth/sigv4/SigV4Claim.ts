// What a request claims about its own signature, as parsed from the Authorization header or
// the presigned query (parseSigV4Request), before anything is verified (verifySigV4).
// Must not import anything but src/domain.

export interface SigV4Claim {
  form: "header" | "query";
  accessKeyId: string;
  /** YYYYMMDD, from the credential scope. */
  credentialDate: string;
  region: string;
  service: string;
  /** Lowercase, in the order the client listed them. */
  signedHeaders: string[];
  /** As sent: 64 lowercase hex characters if well formed. */
  signature: string;
  /** From X-Amz-Date (header or query), else the Date header. */
  requestTime: Date;
  /** requestTime in SigV4's basic format (20240101T000000Z), as it goes into the string-to-sign. */
  amzDate: string;
  /** Query form only: X-Amz-Expires, 1..604800 seconds. */
  expiresSeconds?: number;
  /** From the x-amz-security-token header or the X-Amz-Security-Token query parameter. */
  securityToken?: string;
}
