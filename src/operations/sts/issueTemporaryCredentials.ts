// Fresh temporary credentials: an ASIA key id and secret, sealed with the session's claims into a
// session token that expires `durationSeconds` from now. What every STS call that hands out a
// session shares once it knows whose session it is.

import { generateAccessKeyId } from "../../auth/credentials/generateAccessKeyId.ts";
import { generateSecretAccessKey } from "../../auth/credentials/generateSecretAccessKey.ts";
import type { Sealer } from "../../auth/sealing/Sealer.ts";
import { encodeSessionToken, type SessionClaims } from "../../auth/session/SessionToken.ts";
import type { Credentials } from "../../generated/sts/stsShapes.ts";

export function issueTemporaryCredentials(
  claims: Omit<SessionClaims, "accessKeyId" | "secretAccessKey" | "issuedAt" | "expiresAt">,
  durationSeconds: number,
  ctx: { now: Date; random: (n: number) => Buffer; sealer: Sealer },
): Credentials & { AccessKeyId: string } {
  const issuedAt = Math.floor(ctx.now.getTime() / 1000);
  const expiresAt = issuedAt + durationSeconds;
  const accessKeyId = generateAccessKeyId("temporary", ctx.random, claims.accountId);
  const secretAccessKey = generateSecretAccessKey(ctx.random);
  const sessionToken = encodeSessionToken(
    { ...claims, accessKeyId, secretAccessKey, issuedAt, expiresAt },
    ctx.sealer,
  );
  return {
    AccessKeyId: accessKeyId,
    SecretAccessKey: secretAccessKey,
    SessionToken: sessionToken,
    Expiration: new Date(expiresAt * 1000),
  };
}
