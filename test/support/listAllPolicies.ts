// Walks ListPolicies' pages (Marker/MaxItems) and returns every policy, in the order listed.

import {
  type IAMClient,
  ListPoliciesCommand,
  type ListPoliciesCommandInput,
  type Policy,
} from "@aws-sdk/client-iam";

export async function listAllPolicies(
  iam: IAMClient,
  filter: Omit<ListPoliciesCommandInput, "Marker" | "MaxItems">,
  maxItems: number,
): Promise<Policy[]> {
  const policies: Policy[] = [];
  let marker: string | undefined;
  do {
    const page = await iam.send(
      new ListPoliciesCommand({ ...filter, MaxItems: maxItems, ...(marker ? { Marker: marker } : {}) }),
    );
    policies.push(...(page.Policies ?? []));
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return policies;
}
