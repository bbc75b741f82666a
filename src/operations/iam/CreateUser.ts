// CreateUser: a new IAM user in the caller's account, with optional path, tags and boundary.

import { userArn } from "../../domain/arns.ts";
import { EntityAlreadyExists } from "../../domain/errors/iamErrors.ts";
import { generateUniqueId } from "../../domain/generateUniqueId.ts";
import type { CreateUserRequest, CreateUserResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { userShape } from "./userShape.ts";
import { assertTagLimit, assertUniqueTagKeys, requestTagConditionKeys } from "./validateTags.ts";

export const CreateUser = defineOperation<CreateUserRequest, CreateUserResponse>({
  service: "iam",
  name: "CreateUser",
  action: "iam:CreateUser",
  mutating: true,
  resource: (input, { caller }) => userArn(caller.accountId, input.Path ?? "/", input.UserName),
  conditionKeys: (input) => ({
    ...requestTagConditionKeys(input.Tags),
    ...(input.PermissionsBoundary ? { "iam:PermissionsBoundary": input.PermissionsBoundary } : {}),
  }),
  async execute(input, { caller, store, now, random }) {
    const tags = input.Tags ?? [];
    assertUniqueTagKeys(tags);
    assertTagLimit([], tags);
    if (await store.users.getByName(caller.accountId, input.UserName)) {
      throw new EntityAlreadyExists(`User with name ${input.UserName} already exists.`);
    }
    const path = input.Path ?? "/";
    const user = {
      accountId: caller.accountId,
      userId: generateUniqueId("AIDA", random),
      userName: input.UserName,
      path,
      arn: userArn(caller.accountId, path, input.UserName),
      createDate: now,
      ...(input.PermissionsBoundary ? { permissionsBoundaryArn: input.PermissionsBoundary } : {}),
    };
    await store.users.create(user);
    await store.userTags.put(user.userId, tags);
    return { User: userShape(user, tags) };
  },
});
