// ListPolicies: the managed policies the account can use — AWS-managed (Scope=AWS), its own
// (Scope=Local) or both (All, the default), in name order — filtered by path prefix and, with
// OnlyAttached, to those in use; PolicyUsageFilter narrows "in use" to permissions policies or
// permissions boundaries. Paginated with Marker/MaxItems.

import { listAwsManagedPolicies } from "../../domain/awsManagedPolicyCatalog.ts";
import type { ManagedPolicy } from "../../domain/ManagedPolicy.ts";
import type { ListPoliciesRequest, ListPoliciesResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { paginateList } from "../paginateList.ts";
import { type PolicyUsage, policyShape, policyUsage } from "./policyShape.ts";

function byName(a: ManagedPolicy, b: ManagedPolicy): number {
  const x = a.policyName.toLowerCase();
  const y = b.policyName.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0;
}

function inUse(usage: PolicyUsage, filter: ListPoliciesRequest["PolicyUsageFilter"]): boolean {
  if (filter === "PermissionsPolicy") return usage.attachments > 0;
  if (filter === "PermissionsBoundary") return usage.boundaries > 0;
  return usage.attachments > 0 || usage.boundaries > 0;
}

export const ListPolicies = defineOperation<ListPoliciesRequest, ListPoliciesResponse>({
  service: "iam",
  name: "ListPolicies",
  action: "iam:ListPolicies",
  mutating: false,
  // The Service Authorization Reference gives ListPolicies no resource type.
  resource: () => "*",
  async execute(input, { caller, store }) {
    const scope = input.Scope ?? "All";
    const prefix = input.PathPrefix ?? "/";
    // The AWS-managed catalog is already in this order; only a merge with the account's own needs a sort.
    let candidates: ManagedPolicy[] = [];
    if (scope !== "Local") {
      for (const p of listAwsManagedPolicies())
        if (p.policy.path.startsWith(prefix)) candidates.push(p.policy);
    }
    if (scope !== "AWS") {
      const local = await store.managedPolicies.list(caller.accountId, prefix);
      candidates = [...candidates, ...local].sort(byName);
    }

    let rows: { policy: ManagedPolicy; usage?: PolicyUsage }[] = candidates.map((policy) => ({ policy }));
    if (input.OnlyAttached) {
      // Whether a policy is in use is only known from its usage, so this one needs all of them.
      rows = [];
      for (const policy of candidates) {
        const usage = await policyUsage(store, caller.accountId, policy.arn);
        if (inUse(usage, input.PolicyUsageFilter)) rows.push({ policy, usage });
      }
    }
    const page = paginateList(rows, input.Marker, input.MaxItems);
    const policies = [];
    for (const row of page.items)
      policies.push(
        policyShape(row.policy, row.usage ?? (await policyUsage(store, caller.accountId, row.policy.arn))),
      );
    return {
      Policies: policies,
      IsTruncated: page.IsTruncated,
      ...(page.Marker ? { Marker: page.Marker } : {}),
    };
  },
});
