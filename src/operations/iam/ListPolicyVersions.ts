// ListPolicyVersions: a managed policy's versions, newest first, without their documents (as AWS
// lists them), paginated with Marker/MaxItems.

import type { ListPolicyVersionsRequest, ListPolicyVersionsResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { paginateList } from "../paginateList.ts";
import { policyVersionShape } from "./policyShape.ts";
import { getPolicyOrThrow, policyVersions } from "./resolvePolicy.ts";

export const ListPolicyVersions = defineOperation<ListPolicyVersionsRequest, ListPolicyVersionsResponse>({
  service: "iam",
  name: "ListPolicyVersions",
  action: "iam:ListPolicyVersions",
  mutating: false,
  resource: (input) => input.PolicyArn,
  async execute(input, { caller, store }) {
    const resolved = await getPolicyOrThrow(store, caller, input.PolicyArn, "iam:ListPolicyVersions");
    const page = paginateList(await policyVersions(store, resolved), input.Marker, input.MaxItems);
    return {
      Versions: page.items.map((v) => policyVersionShape(v, false)),
      IsTruncated: page.IsTruncated,
      ...(page.Marker ? { Marker: page.Marker } : {}),
    };
  },
});
