// The otpauth:// URI an authenticator app scans to add a virtual MFA device, in the Key URI
// format Google Authenticator defined and the other apps follow:
//   otpauth://totp/ISSUER:ACCOUNT?secret=BASE32&issuer=ISSUER
// What we put in it, like AWS: issuer "Amazon Web Services" unless the server is configured
// otherwise, and account `${virtualMFADeviceName}@${accountAlias ?? accountId}`; the caller
// composes both. The defaults for algorithm (SHA1), digits (6) and period (30) are left implicit,
// as AWS does, because some apps mishandle the explicit parameters.
// Pure. Must not import anything but node:crypto and src/domain.

import { encodeBase32 } from "./encodeBase32.ts";

export const AWS_MFA_ISSUER = "Amazon Web Services";

export function buildOtpauthUri(opts: { accountName: string; issuer: string; secret: Buffer }): string {
  // The ':' between issuer and account is the label's separator; encodeURIComponent escapes any
  // ':' inside either part, so a device name cannot forge a different issuer.
  const label = `${encodeURIComponent(opts.issuer)}:${encodeURIComponent(opts.accountName)}`;
  // Apps expect the secret without '=' padding (our 40-byte seeds have none anyway).
  const secret = encodeBase32(opts.secret).replace(/=+$/, "");
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(opts.issuer)}`;
}
