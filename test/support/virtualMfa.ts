// A stand-in for an authenticator app in end-to-end tests: it reads the Base32StringSeed that
// CreateVirtualMFADevice returns, exactly as a client receives it, and computes codes with the
// independent otpauth library, at steps relative to now.

import * as OTPAuth from "otpauth";

export class VirtualMfaApp {
  private readonly totp: OTPAuth.TOTP;

  /** `base32StringSeed` as the AWS SDK returns it: the base32 text's bytes. */
  constructor(base32StringSeed: Uint8Array) {
    this.totp = new OTPAuth.TOTP({
      secret: OTPAuth.Secret.fromBase32(Buffer.from(base32StringSeed).toString("ascii")),
    });
  }

  /** The code `offset` 30-second steps from now. */
  code(offset = 0): string {
    return this.totp.generate({ timestamp: Date.now() + offset * 30_000 });
  }

  /** Two consecutive codes (the previous step and the current one), as EnableMFADevice takes them. */
  consecutive(): { AuthenticationCode1: string; AuthenticationCode2: string } {
    return { AuthenticationCode1: this.code(-1), AuthenticationCode2: this.code(0) };
  }
}

/** Milliseconds until the next 30-second step begins. */
export function msUntilNextStep(): number {
  return 30_000 - (Date.now() % 30_000);
}
