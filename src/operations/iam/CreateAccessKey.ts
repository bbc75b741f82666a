// CreateAccessKey: a new long-term key pair for a user (or root). At most two per owner, counted
// inside the transaction. The secret is returned once and only its sealed form is stored.

import { generateAccessKeyId } from "../../auth/credentials/generateAccessKeyId.ts";
import { generateSecretAccessKey } from "../../auth/credentials/generateSecretAccessKey.ts";
import { ACCESS_KEY_SECRET_CONTEXT, MAX_ACCESS_KEYS_PER_USER } from "../../domain/AccessKey.ts";
import { LimitExceeded } from "../../domain/errors/iamErrors.ts";
import type { CreateAccessKeyRequest, CreateAccessKeyResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { listOwnerKeys, resolveKeyOwner } from "./accessKeyOwner.ts";
import { userResourceArn } from "./resolveUser.ts";

export const CreateAccessKey = defineOperation<CreateAccessKeyRequest, CreateAccessKeyResponse>({
  service: "iam",
  name: "CreateAccessKey",
  action: "iam:CreateAccessKey",
  mutating: true,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  async execute(input, { caller, store, now, random, sealer }) {
    const owner = await resolveKeyOwner(store, caller, input.UserName);
    const existing = await listOwnerKeys(store, caller.accountId, owner);
    if (existing.length >= MAX_ACCESS_KEYS_PER_USER) {
      throw new LimitExceeded(`Cannot exceed quota for AccessKeysPerUser: ${MAX_ACCESS_KEYS_PER_USER}`);
    }
    const accessKeyId = generateAccessKeyId("long-term", random, caller.accountId);
    const secret = generateSecretAccessKey(random);
    await store.accessKeys.create({
      accessKeyId,
      accountId: caller.accountId,
      ...(owner.userId ? { userId: owner.userId } : {}),
      status: "Active",
      createDate: now,
      secretSealed: sealer.seal(secret, ACCESS_KEY_SECRET_CONTEXT),
    });
    return {
      AccessKey: {
        ...(owner.userName ? { UserName: owner.userName } : {}),
        AccessKeyId: accessKeyId,
        Status: "Active",
        SecretAccessKey: secret,
        CreateDate: now,
      } as CreateAccessKeyResponse["AccessKey"],
    };
  },
});
