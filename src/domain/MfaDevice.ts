// A virtual MFA device (TOTP, RFC 6238) as stored: its serial number (an ARN), its sealed seed,
// who it is assigned to, and the last time step it accepted, which is what makes every code
// single-use. The seed is never kept in clear and never returned after creation.

/** Whom a device is assigned to: an IAM user, or the account's root principal. */
export type MfaOwner = { readonly kind: "user"; readonly userId: string } | { readonly kind: "root" };

export interface MfaDevice {
  /** `arn:aws:iam::ACCOUNT:mfa/PATH/NAME`, as AWS forms virtual device serial numbers. */
  readonly serialNumber: string;
  readonly accountId: string;
  readonly deviceName: string;
  readonly path: string;
  readonly seedSealed: string;
  readonly createDate: Date;
  readonly owner?: MfaOwner;
  readonly enableDate?: Date;
  /** The TOTP step of the last code accepted; that step and every earlier one are refused. */
  readonly lastUsedStep?: number;
  /** The device clock's offset in steps, learnt when it was enabled or resynchronised. */
  readonly driftSteps: number;
  /** Set for a FIDO security key (WebAuthn), which has no seed and takes no TOTP code. */
  readonly securityKey?: SecurityKey;
}

/** A security key's WebAuthn credential, registered through the console. */
export interface SecurityKey {
  /** The credential id, base64url. */
  readonly credentialId: string;
  /** The COSE public key, base64url. */
  readonly publicKey: string;
  /** The authenticator's signature counter at its last use (0 for keys that keep none). */
  readonly counter: number;
  readonly transports: readonly string[];
}

/** AWS allows eight MFA devices per user (and per root principal). */
export const MAX_MFA_DEVICES_PER_USER = 8;

/** The sealing context of TOTP seeds, so no other sealed value can pass for one. */
export const MFA_SEED_CONTEXT = "mfa-seed";

export function sameOwner(a: MfaOwner | undefined, b: MfaOwner): boolean {
  if (!a) return false;
  return a.kind === "root" ? b.kind === "root" : b.kind === "user" && a.userId === b.userId;
}
