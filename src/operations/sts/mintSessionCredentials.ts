// The temporary credentials of a user's or the root's own session: an ASIA key id, a secret and a
// sealed session token carrying the principal, the expiry and, when a code was checked, the MFA
// time. GetSessionToken mints them, and so does console sign-in (marked as a console session),
// so the two cannot drift apart. The key, secret and sealed token are issueTemporaryCredentials',
// as for every other STS session.

import type { Sealer } from "../../auth/sealing/Sealer.ts";
import type { CallerIdentity } from "../../domain/Principal.ts";
import { issueTemporaryCredentials } from "./issueTemporaryCredentials.ts";

export interface MintedSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** Epoch seconds. */
  issuedAt: number;
  /** Epoch seconds. */
  expiresAt: number;
}

export function mintSessionCredentials(
  caller: CallerIdentity,
  session: {
    now: Date;
    durationSeconds: number;
    /** Epoch seconds of the MFA check, with the device, when a code was given. */
    mfa?: { at: number; serialNumber: string } | undefined;
    /** The long-term key the session was obtained with (none for console sign-in). */
    sourceAccessKeyId?: string | undefined;
    console?: boolean;
  },
  env: { random: (n: number) => Buffer; sealer: Sealer },
): MintedSession {
  const { mfa } = session;
  const issued = issueTemporaryCredentials(
    {
      accountId: caller.accountId,
      principalType: caller.type === "Root" ? "root" : "user",
      principalArn: caller.arn,
      principalId: caller.principalId,
      ...(caller.userName ? { userName: caller.userName } : {}),
      ...(mfa ? { mfaAuthenticatedAt: mfa.at, mfaSerialNumber: mfa.serialNumber } : {}),
      ...(session.sourceAccessKeyId ? { sourceAccessKeyId: session.sourceAccessKeyId } : {}),
      ...(caller.userId ? { originUserId: caller.userId } : {}),
      ...(session.console ? { console: 1 } : {}),
    },
    session.durationSeconds,
    { now: session.now, random: env.random, sealer: env.sealer },
  );
  const issuedAt = Math.floor(session.now.getTime() / 1000);
  return {
    accessKeyId: issued.AccessKeyId,
    secretAccessKey: issued.SecretAccessKey,
    sessionToken: issued.SessionToken,
    issuedAt,
    expiresAt: issuedAt + session.durationSeconds,
  };
}
