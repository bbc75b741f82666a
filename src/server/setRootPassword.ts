// Sets the account root's console password (`portcullis account root-password`): hashed with
// scrypt and sealed like users' passwords. The root is outside IAM's password policy, as in AWS;
// a floor of 8 characters still applies.

import { hashPassword } from "../auth/passwords/passwordHash.ts";
import type { Sealer } from "../auth/sealing/Sealer.ts";
import { PASSWORD_HASH_CONTEXT } from "../domain/LoginProfile.ts";
import type { Store } from "../store/ports.ts";

export const MIN_ROOT_PASSWORD_LENGTH = 8;

export async function setRootPassword(
  store: Store,
  sealer: Sealer,
  accountId: string,
  password: string,
  random: (n: number) => Buffer,
  now = new Date(),
): Promise<void> {
  if (password.length < MIN_ROOT_PASSWORD_LENGTH || password.length > 128) {
    throw new Error(`the root password must have ${MIN_ROOT_PASSWORD_LENGTH} to 128 characters`);
  }
  if (!(await store.accounts.get(accountId))) throw new Error(`no account ${accountId} on this server`);
  const sealed = sealer.seal(await hashPassword(password, random), PASSWORD_HASH_CONTEXT);
  await store.rootPasswords.put(accountId, sealed, now);
}
