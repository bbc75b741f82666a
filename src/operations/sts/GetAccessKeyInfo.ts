// GetAccessKeyInfo: the account an access key id belongs to. As in AWS, any key id of this
// server answers, long-term or temporary; an unknown one is refused without saying more.

import { InvalidParameterValue } from "../../domain/errors/commonErrors.ts";
import type { GetAccessKeyInfoRequest, GetAccessKeyInfoResponse } from "../../generated/sts/stsShapes.ts";
import { defineOperation } from "../Operation.ts";

export const GetAccessKeyInfo = defineOperation<GetAccessKeyInfoRequest, GetAccessKeyInfoResponse>({
  service: "sts",
  name: "GetAccessKeyInfo",
  action: "sts:GetAccessKeyInfo",
  mutating: false,
  resource: () => "*",
  async execute(input, { caller, store }) {
    if (input.AccessKeyId === caller.credential.accessKeyId) return { Account: caller.accountId };
    const key = await store.accessKeys.get(input.AccessKeyId);
    if (!key) throw new InvalidParameterValue("The access key ID provided is not valid.");
    return { Account: key.accountId };
  },
});
