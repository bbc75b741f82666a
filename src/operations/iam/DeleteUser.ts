// DeleteUser: only a user with nothing attached may go, as AWS requires; the conflict names what
// must be removed first.

import { DeleteConflict } from "../../domain/errors/iamErrors.ts";
import type { DeleteUserRequest } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { getUserOrThrow, userResourceArn } from "./resolveUser.ts";

export const DeleteUser = defineOperation<DeleteUserRequest, void>({
  service: "iam",
  name: "DeleteUser",
  action: "iam:DeleteUser",
  mutating: true,
  resource: (input, { caller, store }) => userResourceArn(store, caller, input.UserName),
  async execute(input, { caller, store, invalidate }) {
    const user = await getUserOrThrow(store, caller.accountId, input.UserName);
    const held = await store.users.attachments(user.userId);
    if (held.loginProfile > 0)
      throw new DeleteConflict("Cannot delete entity, must delete login profile first.");
    if (held.accessKeys > 0) throw new DeleteConflict("Cannot delete entity, must delete access keys first.");
    // AWS wording unconfirmed (signing certificates and SSH keys)
    if (held.signingCertificates > 0) {
      throw new DeleteConflict("Cannot delete entity, must delete signing certificates first.");
    }
    if (held.sshPublicKeys > 0)
      throw new DeleteConflict("Cannot delete entity, must delete SSH public keys first.");
    if (held.mfaDevices > 0) throw new DeleteConflict("Cannot delete entity, must delete MFA device first.");
    if (held.policies > 0) throw new DeleteConflict("Cannot delete entity, must delete policies first.");
    if (held.groups > 0)
      throw new DeleteConflict("Cannot delete entity, must remove users from group first.");
    await store.users.delete(user.userId);
    invalidate({ kind: "user", id: user.userId });
  },
});
