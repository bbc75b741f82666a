// GetAccessKeyLastUsed: when and where a key last signed a request. Uses are recorded by the
// server as requests authenticate (flushed in batches); a key never used reports "N/A", as AWS.

import { NoSuchEntity } from "../../domain/errors/iamErrors.ts";
import type {
  GetAccessKeyLastUsedRequest,
  GetAccessKeyLastUsedResponse,
} from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";

export const GetAccessKeyLastUsed = defineOperation<
  GetAccessKeyLastUsedRequest,
  GetAccessKeyLastUsedResponse
>({
  service: "iam",
  name: "GetAccessKeyLastUsed",
  action: "iam:GetAccessKeyLastUsed",
  mutating: false,
  async resource(input, { caller, store }) {
    const key = await store.accessKeys.get(input.AccessKeyId);
    if (key?.accountId === caller.accountId && key.userId) {
      const user = await store.users.getById(key.userId);
      if (user) return user.arn;
    }
    return `arn:aws:iam::${caller.accountId}:root`;
  },
  async execute(input, { caller, store }) {
    const key = await store.accessKeys.get(input.AccessKeyId);
    if (!key || key.accountId !== caller.accountId) {
      throw new NoSuchEntity(`The Access Key with id ${input.AccessKeyId} cannot be found.`);
    }
    const used = await store.accessKeys.getLastUsed(input.AccessKeyId);
    return {
      ...(key.userName ? { UserName: key.userName } : {}),
      AccessKeyLastUsed: {
        ...(used.lastUsedDate ? { LastUsedDate: used.lastUsedDate } : {}),
        ServiceName: used.serviceName ?? "N/A",
        Region: used.region ?? "N/A",
      } as GetAccessKeyLastUsedResponse["AccessKeyLastUsed"],
    };
  },
});
