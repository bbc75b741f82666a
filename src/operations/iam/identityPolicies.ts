// What every identity kind (user, role; groups alike) does with its policies, stated once:
// attaching a managed policy within the identity's quota, detaching it, listing attachments,
// putting an inline policy within the identity's aggregate size quota, reading and listing inline
// policies. Each operation passes its identity's repository, id and AWS's quota and texts.

import { LimitExceeded, type NoSuchEntity } from "../../domain/errors/iamErrors.ts";
import type { CallerIdentity } from "../../domain/Principal.ts";
import { measurePolicySize } from "../../policy/index.ts";
import type { IdentityPolicyRepository, StoreSession } from "../../store/ports.ts";
import { type PaginatedList, paginateList } from "../paginateList.ts";
import { assertValidPolicyDocument } from "./assertValidPolicyDocument.ts";
import {
  findPolicy,
  nameOfPolicyArn,
  pathOfPolicyArn,
  policyNotAttachable,
  policyNotFound,
} from "./resolvePolicy.ts";

export interface PolicyHolder {
  readonly repo: IdentityPolicyRepository;
  readonly id: string;
}

interface Paging {
  Marker?: string;
  MaxItems?: number;
}

/**
 * Attaches a managed policy (the account's own or AWS-managed) unless already attached; false
 * when nothing changed. Counted inside the transaction, so racing attachments cannot both pass.
 */
export async function attachManagedPolicy(
  store: StoreSession,
  caller: CallerIdentity,
  holder: PolicyHolder,
  policyArn: string,
  now: Date,
  quota: { max: number; name: string },
): Promise<boolean> {
  const found = await findPolicy(store, caller, policyArn);
  if (!found) throw policyNotAttachable(policyArn);
  const attached = await holder.repo.listAttached(holder.id);
  if (attached.includes(found.policy.arn)) return false;
  if (attached.length >= quota.max) {
    throw new LimitExceeded(`Cannot exceed quota for ${quota.name}: ${quota.max}`);
  }
  await holder.repo.attach(holder.id, found.policy.arn, now);
  return true;
}

/** Detaches a managed policy; one that is not attached is NoSuchEntity, as in AWS. */
export async function detachManagedPolicy(holder: PolicyHolder, policyArn: string): Promise<void> {
  const attached = await holder.repo.listAttached(holder.id);
  if (!attached.includes(policyArn)) throw policyNotFound(policyArn);
  await holder.repo.detach(holder.id, policyArn);
}

/** The attached managed policies in attachment order, filtered by the policies' path prefix. */
export async function listAttachedPoliciesPage(
  holder: PolicyHolder,
  input: Paging & { PathPrefix?: string },
): Promise<{
  AttachedPolicies: { PolicyName: string; PolicyArn: string }[];
  IsTruncated: boolean;
  Marker?: string;
}> {
  const prefix = input.PathPrefix ?? "/";
  const arns = (await holder.repo.listAttached(holder.id)).filter((arn) =>
    pathOfPolicyArn(arn).startsWith(prefix),
  );
  const page = paginateList(arns, input.Marker, input.MaxItems);
  return {
    AttachedPolicies: page.items.map((arn) => ({ PolicyName: nameOfPolicyArn(arn), PolicyArn: arn })),
    IsTruncated: page.IsTruncated,
    ...(page.Marker ? { Marker: page.Marker } : {}),
  };
}

/**
 * Adds or replaces an inline policy. AWS's quota is on the identity's inline policies together
 * (white space not counted), the replaced policy excluded; summed inside the transaction.
 */
export async function putInlinePolicy(
  holder: PolicyHolder,
  policyName: string,
  document: string,
  quota: { maxTotalSize: number; exceededMessage: string },
): Promise<void> {
  let total = measurePolicySize(document);
  for (const other of await holder.repo.listInline(holder.id)) {
    if (other.policyName !== policyName) total += measurePolicySize(other.document);
  }
  if (total > quota.maxTotalSize) throw new LimitExceeded(quota.exceededMessage);
  assertValidPolicyDocument(document, { kind: "identity" });
  await holder.repo.putInline(holder.id, { policyName, document });
}

/** The inline policy's document, or the identity kind's NoSuchEntity. */
export async function getInlinePolicyOrThrow(
  holder: PolicyHolder,
  policyName: string,
  notFound: (policyName: string) => NoSuchEntity,
): Promise<string> {
  const policy = await holder.repo.getInline(holder.id, policyName);
  if (!policy) throw notFound(policyName);
  return policy.document;
}

/** The names of the inline policies, in name order, paginated. */
export async function listInlinePolicyNamesPage(
  holder: PolicyHolder,
  input: Paging,
): Promise<{ PolicyNames: string[]; IsTruncated: boolean; Marker?: string }> {
  const names = (await holder.repo.listInline(holder.id)).map((p) => p.policyName);
  const page = paginateList(names, input.Marker, input.MaxItems);
  return {
    PolicyNames: page.items,
    IsTruncated: page.IsTruncated,
    ...(page.Marker ? { Marker: page.Marker } : {}),
  };
}

/** The managed policy a permissions boundary names: it must exist and be visible to the account. */
export async function boundaryPolicyArn(
  store: StoreSession,
  caller: CallerIdentity,
  policyArn: string,
): Promise<string> {
  const found = await findPolicy(store, caller, policyArn);
  if (!found) throw policyNotAttachable(policyArn);
  return found.policy.arn;
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
