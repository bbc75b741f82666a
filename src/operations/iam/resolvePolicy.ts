// Finding the managed policy an IAM call names by ARN: an AWS-managed one from the shipped
// catalog, or a customer-managed one of the caller's own account. A policy of another account is
// refused as AWS refuses it (AccessDenied: managed policies are never shared across accounts), and
// AWS-managed policies are readable and attachable by everyone but changeable by no one.

import {
  getAwsManagedPolicy,
  getAwsManagedPolicyVersion,
  listAwsManagedPolicyVersions,
} from "../../domain/awsManagedPolicyCatalog.ts";
import { AccessDenied } from "../../domain/errors/commonErrors.ts";
import { InvalidInput, NoSuchEntity } from "../../domain/errors/iamErrors.ts";
import type { ManagedPolicy, PolicyVersion } from "../../domain/ManagedPolicy.ts";
import type { CallerIdentity } from "../../domain/Principal.ts";
import type { StoreSession } from "../../store/ports.ts";

export interface ResolvedPolicy {
  readonly policy: ManagedPolicy;
  readonly awsManaged: boolean;
}

const POLICY_ARN = /^arn:aws:iam::([^:]*):policy(\/.*)$/;

export function policyNotFound(arn: string): NoSuchEntity {
  return new NoSuchEntity(`Policy ${arn} was not found.`);
}

export function policyNotAttachable(arn: string): NoSuchEntity {
  return new NoSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
}

/** The account an ARN names, or InvalidInput as AWS answers an ARN it cannot read. */
function accountOfArn(arn: string): string | undefined {
  if (!/^arn:[^:]+:iam::[^:]*:/.test(arn)) throw new InvalidInput(`ARN ${arn} is not valid.`);
  return POLICY_ARN.exec(arn)?.[1];
}

/** AWS's answer when the resource belongs to another account, which grants nothing to ours. */
function foreignPolicy(caller: CallerIdentity, action: string, arn: string): AccessDenied {
  return new AccessDenied(
    `User: ${caller.arn} is not authorized to perform: ${action} on resource: policy ${arn} because no resource-based policy allows the ${action} action`,
  );
}

/**
 * The policy at `arn` if the caller's account can see it (AWS-managed, or its own), undefined if
 * there is none. Never throws for a foreign account: attachment answers NoSuchEntity for those.
 */
export async function findPolicy(
  store: StoreSession,
  caller: CallerIdentity,
  arn: string,
): Promise<ResolvedPolicy | undefined> {
  const account = accountOfArn(arn);
  if (account === "aws") {
    const managed = getAwsManagedPolicy(arn);
    return managed && { policy: managed.policy, awsManaged: true };
  }
  if (account !== caller.accountId) return undefined;
  const policy = await store.managedPolicies.getByArn(arn);
  return policy && policy.accountId === caller.accountId ? { policy, awsManaged: false } : undefined;
}

/** For reads: AWS-managed or the caller's own policy; NoSuchEntity if absent. */
export async function getPolicyOrThrow(
  store: StoreSession,
  caller: CallerIdentity,
  arn: string,
  action: string,
): Promise<ResolvedPolicy> {
  const account = accountOfArn(arn);
  if (account !== undefined && account !== "aws" && account !== caller.accountId) {
    throw foreignPolicy(caller, action, arn);
  }
  const found = await findPolicy(store, caller, arn);
  if (!found) throw policyNotFound(arn);
  return found;
}

/** For changes: only the caller's own customer-managed policies may change. */
export async function getCustomerPolicyOrThrow(
  store: StoreSession,
  caller: CallerIdentity,
  arn: string,
  action: string,
): Promise<ManagedPolicy> {
  const found = await getPolicyOrThrow(store, caller, arn, action);
  // AWS-managed policies belong to AWS's account: no customer may change them, root included.
  if (found.awsManaged) throw foreignPolicy(caller, action, arn);
  return found.policy;
}

/** The path of a policy ARN (`/`, `/team/`), for PathPrefix filters over attachment lists. */
export function pathOfPolicyArn(arn: string): string {
  const rest = POLICY_ARN.exec(arn)?.[2] ?? "/";
  return rest.slice(0, rest.lastIndexOf("/") + 1);
}

/** The name of a policy ARN: what follows its path. */
export function nameOfPolicyArn(arn: string): string {
  return arn.slice(arn.lastIndexOf("/") + 1);
}

export function noSuchPolicyVersion(arn: string, versionId: string): NoSuchEntity {
  return new NoSuchEntity(`Policy ${arn} version ${versionId} does not exist or is not attachable.`);
}

/** The versions of a policy, newest first; for an AWS-managed policy, every recorded one. */
export async function policyVersions(
  store: StoreSession,
  resolved: ResolvedPolicy,
): Promise<PolicyVersion[]> {
  if (resolved.awsManaged) return listAwsManagedPolicyVersions(resolved.policy.arn) ?? [];
  return store.managedPolicies.listVersions(resolved.policy.arn);
}

/** One version of a policy, with its document; undefined if the policy has no such version. */
export async function policyVersion(
  store: StoreSession,
  resolved: ResolvedPolicy,
  versionId: string,
): Promise<PolicyVersion | undefined> {
  if (resolved.awsManaged) return getAwsManagedPolicyVersion(resolved.policy.arn, versionId);
  return store.managedPolicies.getVersion(resolved.policy.arn, versionId);
}
