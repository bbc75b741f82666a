// The two WebAuthn ceremonies of FIDO security keys, through @simplewebauthn/server: registering a
// key (the console then assigns it as an MFA device through RegisterSecurityKey) and proving one
// at sign-in. The relying party is the host the console is served from; the challenge is kept in
// the console's server-side session and used once.

import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from "@simplewebauthn/server";
import type { SecurityKey } from "../domain/MfaDevice.ts";

/** Where the ceremony happens: the page's origin and its host name as the relying party id. */
export interface RelyingParty {
  origin: string;
  rpId: string;
}

export function registrationOptions(
  rp: RelyingParty,
  user: { id: string; name: string },
  existing: readonly SecurityKey[],
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return generateRegistrationOptions({
    rpName: "Portcullis",
    rpID: rp.rpId,
    userName: user.name,
    userID: new TextEncoder().encode(user.id),
    attestationType: "none",
    excludeCredentials: existing.map((k) => ({ id: k.credentialId, transports: [...k.transports] })),
    authenticatorSelection: { residentKey: "discouraged", userVerification: "discouraged" },
    preferredAuthenticatorType: "securityKey",
  });
}

/** The verified credential, or undefined when the response does not prove a new key for this challenge. */
export async function verifyRegistration(
  rp: RelyingParty,
  response: unknown,
  expectedChallenge: string,
): Promise<SecurityKey | undefined> {
  try {
    const verified = await verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpId,
      requireUserVerification: false,
    });
    if (!verified.verified) return undefined;
    const { credential } = verified.registrationInfo;
    return {
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString("base64url"),
      counter: credential.counter,
      transports: credential.transports ?? [],
    };
  } catch {
    return undefined;
  }
}

export function authenticationOptions(
  rp: RelyingParty,
  keys: readonly SecurityKey[],
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return generateAuthenticationOptions({
    rpID: rp.rpId,
    allowCredentials: keys.map((k) => ({ id: k.credentialId, transports: [...k.transports] })),
    userVerification: "discouraged",
  });
}

/** The key's new signature counter, or undefined when the response does not prove this key. */
export async function verifyAuthentication(
  rp: RelyingParty,
  response: unknown,
  expectedChallenge: string,
  key: SecurityKey,
): Promise<number | undefined> {
  try {
    const verified = await verifyAuthenticationResponse({
      response: response as AuthenticationResponseJSON,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpId,
      credential: {
        id: key.credentialId,
        publicKey: Buffer.from(key.publicKey, "base64url"),
        counter: key.counter,
      },
      requireUserVerification: false,
    });
    return verified.verified ? verified.authenticationInfo.newCounter : undefined;
  } catch {
    return undefined;
  }
}
