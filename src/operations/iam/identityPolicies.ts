// What the policy operations of users and groups (roles next) share: the managed-policy quota on
// attachment, the aggregate size quota on inline policies, and the listing of both. Each takes
// the identity's policy repository, so one rule serves every kind.

import { LimitExceeded } from "../../domain/errors/iamErrors.ts";
import type { AttachedPolicy } from "../../generated/iam/iamShapes.ts";
import { measurePolicySize } from "../../policy/index.ts";
import type { IdentityPolicyRepository } from "../../store/ports.ts";
import { type PaginatedList, paginateList } from "../paginateList.ts";
import { assertValidPolicyDocument } from "./assertValidPolicyDocument.ts";
import { nameOfPolicyArn, pathOfPolicyArn, policyNotFound } from "./resolvePolicy.ts";

/**
 * Attaches `policyArn` (already resolved) to the owner unless it is attached already, at most
 * `limit` per owner. Counted inside the transaction, so racing attachments cannot pass the quota.
 * Returns whether anything changed.
 */
export async function attachWithinQuota(
  repo: IdentityPolicyRepository,
  ownerId: string,
  policyArn: string,
  date: Date,
  quota: { name: string; limit: number },
): Promise<boolean> {
  const attached = await repo.listAttached(ownerId);
  if (attached.includes(policyArn)) return false;
  if (attached.length >= quota.limit) {
    throw new LimitExceeded(`Cannot exceed quota for ${quota.name}: ${quota.limit}`);
  }
  await repo.attach(ownerId, policyArn, date);
  return true;
}

/** Detaches a managed policy; one that is not attached is NoSuchEntity, as AWS answers. */
export async function detachAttached(
  repo: IdentityPolicyRepository,
  ownerId: string,
  policyArn: string,
): Promise<void> {
  if (!(await repo.listAttached(ownerId)).includes(policyArn)) throw policyNotFound(policyArn);
  await repo.detach(ownerId, policyArn);
}

/**
 * Adds or replaces an inline policy. AWS's quota is on all the owner's inline policies together
 * (white space not counted), the replaced policy excluded; summed inside the transaction, so two
 * racing puts cannot together pass it.
 */
export async function putInlineWithinQuota(
  repo: IdentityPolicyRepository,
  owner: { id: string; kind: "user" | "group"; name: string },
  policy: { policyName: string; document: string },
  limit: number,
): Promise<void> {
  let total = measurePolicySize(policy.document);
  for (const other of await repo.listInline(owner.id)) {
    if (other.policyName !== policy.policyName) total += measurePolicySize(other.document);
  }
  if (total > limit) {
    throw new LimitExceeded(`Maximum policy size of ${limit} bytes exceeded for ${owner.kind} ${owner.name}`);
  }
  assertValidPolicyDocument(policy.document, { kind: "identity" });
  await repo.putInline(owner.id, policy);
}

/** The names of the owner's inline policies, in name order, paginated. */
export async function listInlineNames(
  repo: IdentityPolicyRepository,
  ownerId: string,
  input: { Marker?: string; MaxItems?: number },
): Promise<{ PolicyNames: string[]; IsTruncated: boolean; Marker?: string }> {
  const names = (await repo.listInline(ownerId)).map((p) => p.policyName);
  return wireList("PolicyNames", paginateList(names, input.Marker, input.MaxItems));
}

/** The owner's managed policies in attachment order, filtered by the policies' path prefix. */
export async function listAttachedPolicies(
  repo: IdentityPolicyRepository,
  ownerId: string,
  input: { PathPrefix?: string; Marker?: string; MaxItems?: number },
): Promise<{ AttachedPolicies: AttachedPolicy[]; IsTruncated: boolean; Marker?: string }> {
  const prefix = input.PathPrefix ?? "/";
  const arns = (await repo.listAttached(ownerId)).filter((arn) => pathOfPolicyArn(arn).startsWith(prefix));
  const page = paginateList(arns, input.Marker, input.MaxItems);
  return wireList("AttachedPolicies", {
    ...page,
    items: page.items.map((arn) => ({ PolicyName: nameOfPolicyArn(arn), PolicyArn: arn })),
  });
}

/** A paginated list as the wire names it: the items under `key`, IsTruncated, and Marker if any. */
export function wireList<K extends string, T>(
  key: K,
  page: PaginatedList<T>,
): { [P in K]: T[] } & { IsTruncated: boolean; Marker?: string } {
  return {
    [key]: page.items,
    IsTruncated: page.IsTruncated,
    ...(page.Marker ? { Marker: page.Marker } : {}),
  } as { [P in K]: T[] } & { IsTruncated: boolean; Marker?: string };
}
