// The facts the 2023 remediation guard decides on for EnableMFADevice and DeactivateMFADevice:
// whose devices the call is about and how many that owner has now.

import type { MfaSelfManagementFacts } from "../../authorization/guards/assertMfaSelfManagement.ts";
import type { GuardFacts } from "../../authorization/guards/GuardFacts.ts";
import type { CallerIdentity } from "../../domain/Principal.ts";
import type { StoreSession } from "../../store/ports.ts";
import { resolveMfaOwner } from "./resolveMfaOwner.ts";

export async function mfaSelfManagementFacts(
  store: StoreSession,
  caller: CallerIdentity,
  userName: string | undefined,
): Promise<GuardFacts> {
  const { owner } = await resolveMfaOwner(store, caller, userName);
  const facts: MfaSelfManagementFacts = {
    owner,
    assignedDevices: (await store.mfaDevices.listAssigned(caller.accountId, owner)).length,
  };
  return { mfaSelfManagement: facts };
}
