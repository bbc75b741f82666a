// A new root access key for an account, its secret sealed at rest: the first start of a data
// folder makes one for the first account, `portcullis account create` one for each new account.
// The secret is returned once, to be shown once.

import { generateAccessKeyId } from "../auth/credentials/generateAccessKeyId.ts";
import { generateSecretAccessKey } from "../auth/credentials/generateSecretAccessKey.ts";
import type { Sealer } from "../auth/sealing/Sealer.ts";
import { ACCESS_KEY_SECRET_CONTEXT } from "../domain/AccessKey.ts";
import type { StoreSession } from "../store/ports.ts";

export async function issueRootAccessKey(
  tx: StoreSession,
  sealer: Sealer,
  accountId: string,
  now: Date,
): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  const accessKeyId = generateAccessKeyId("long-term", undefined, accountId);
  const secretAccessKey = generateSecretAccessKey();
  await tx.accessKeys.create({
    accessKeyId,
    accountId,
    status: "Active",
    createDate: now,
    secretSealed: sealer.seal(secretAccessKey, ACCESS_KEY_SECRET_CONTEXT),
  });
  return { accessKeyId, secretAccessKey };
}
