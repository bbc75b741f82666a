// The wire forms of managed policies and policy versions, as GetPolicy, ListPolicies,
// CreatePolicyVersion and GetPolicyVersion return them. Documents go out URL-encoded, as AWS
// sends them: the AWS CLI decodes them, and SDK users call decodeURIComponent.

import type { ManagedPolicy, PolicyVersion } from "../../domain/ManagedPolicy.ts";
import type { Tag } from "../../domain/Tag.ts";
import type {
  Policy as PolicyShape,
  PolicyVersion as PolicyVersionShape,
} from "../../generated/iam/iamShapes.ts";
import type { StoreSession } from "../../store/ports.ts";

export interface PolicyUsage {
  /** Users, groups and roles with the policy attached as a permissions policy. */
  attachments: number;
  /** Users and roles whose permissions boundary is this policy. */
  boundaries: number;
}

/** How the caller's account uses a policy; an AWS-managed policy's counts are per account too. */
export async function policyUsage(store: StoreSession, accountId: string, arn: string): Promise<PolicyUsage> {
  const [users, groups, roles, userBoundaries, roleBoundaries] = (
    await Promise.all([
      store.userPolicies.usersWithAttached(accountId, arn),
      store.groupPolicies.groupsWithAttached(accountId, arn),
      store.rolePolicies.rolesWithAttached(accountId, arn),
      store.userPolicies.usersWithBoundary(accountId, arn),
      store.rolePolicies.rolesWithBoundary(accountId, arn),
    ])
  ).map((ids) => ids.length) as [number, number, number, number, number];
  return { attachments: users + groups + roles, boundaries: userBoundaries + roleBoundaries };
}

/**
 * URL-encodes a policy document the way AWS does on the wire: percent-encoding with `%20` for
 * spaces (never `+`, which the CLI's unquote would leave as a plus) and JSON's punctuation
 * encoded, so `decodeURIComponent` gives back the text exactly as submitted.
 */
export function urlEncodePolicyDocument(document: string): string {
  return encodeURIComponent(document);
}

/**
 * A managed policy as CreatePolicy and ListPolicies return it: without its description, which AWS
 * gives only in GetPolicy (and GetAccountAuthorizationDetails); tags when given and not empty.
 */
export function policyShape(policy: ManagedPolicy, usage: PolicyUsage, tags?: readonly Tag[]): PolicyShape {
  return {
    PolicyName: policy.policyName,
    PolicyId: policy.policyId,
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: policy.defaultVersionId,
    AttachmentCount: usage.attachments,
    PermissionsBoundaryUsageCount: usage.boundaries,
    IsAttachable: true,
    CreateDate: policy.createDate,
    UpdateDate: policy.updateDate,
    ...(tags && tags.length > 0 ? { Tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })) } : {}),
  };
}

/** A managed policy as GetPolicy returns it: with its description, and its tags even when none. */
export function policyDetailShape(
  policy: ManagedPolicy,
  usage: PolicyUsage,
  tags: readonly Tag[],
): PolicyShape {
  return {
    ...policyShape(policy, usage),
    ...descriptionShape(policy),
    Tags: tags.map((t) => ({ Key: t.Key, Value: t.Value })),
  };
}

export function descriptionShape(policy: ManagedPolicy): { Description?: string } {
  return policy.description !== undefined ? { Description: policy.description } : {};
}

/** A version with its document (GetPolicyVersion, CreatePolicyVersion) or without (ListPolicyVersions). */
export function policyVersionShape(version: PolicyVersion, withDocument: boolean): PolicyVersionShape {
  return {
    ...(withDocument ? { Document: urlEncodePolicyDocument(version.document) } : {}),
    VersionId: version.versionId,
    IsDefaultVersion: version.isDefaultVersion,
    CreateDate: version.createDate,
  };
}
