// ListPolicyTags: a managed policy's tags in the order they were added, paginated. AWS-managed
// policies have none.

import type { ListPolicyTagsRequest, ListPolicyTagsResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { paginateList } from "../paginateList.ts";
import { getPolicyOrThrow } from "./resolvePolicy.ts";

export const ListPolicyTags = defineOperation<ListPolicyTagsRequest, ListPolicyTagsResponse>({
  service: "iam",
  name: "ListPolicyTags",
  action: "iam:ListPolicyTags",
  mutating: false,
  resource: (input) => input.PolicyArn,
  async execute(input, { caller, store }) {
    const { policy, awsManaged } = await getPolicyOrThrow(
      store,
      caller,
      input.PolicyArn,
      "iam:ListPolicyTags",
    );
    const tags = awsManaged ? [] : await store.policyTags.list(policy.policyId);
    const page = paginateList(tags, input.Marker, input.MaxItems);
    return {
      Tags: page.items.map((t) => ({ Key: t.Key, Value: t.Value })),
      IsTruncated: page.IsTruncated,
      ...(page.Marker ? { Marker: page.Marker } : {}),
    };
  },
});
