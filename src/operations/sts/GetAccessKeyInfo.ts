// GetAccessKeyInfo: the account an access key id belongs to. As in AWS, any well-formed key id
// answers, long-term or temporary, this account's or another's: the account is encoded in the id
// (see generateAccessKeyId). Keys stored before ids carried their account are found by lookup.

import { accountOfAccessKeyId } from "../../auth/credentials/generateAccessKeyId.ts";
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
    if (key) return { Account: key.accountId };
    const account = accountOfAccessKeyId(input.AccessKeyId);
    // AWS wording unconfirmed.
    if (!account) throw new InvalidParameterValue("The access key ID provided is not valid.");
    return { Account: account };
  },
});
