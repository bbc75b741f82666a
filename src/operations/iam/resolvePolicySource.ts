// The identity SimulatePrincipalPolicy and GetContextKeysForPrincipalPolicy are about: the IAM
// user, group or role that PolicySourceArn names in the caller's account, and the principal the
// simulation evaluates as. A user's simulation includes its groups' policies, as AWS documents.

import { parseRoleArn, parseUserArn } from "../../domain/arns.ts";
import { InvalidInput } from "../../domain/errors/iamErrors.ts";
import type { CallerIdentity } from "../../domain/Principal.ts";
import type { RequestPrincipal } from "../../policy/index.ts";
import type { StoreSession } from "../../store/ports.ts";
import type { PrincipalRef } from "../OperationContext.ts";
import { noSuchGroup } from "./resolveGroup.ts";
import { noSuchRole } from "./resolveRole.ts";
import { noSuchUser } from "./resolveUser.ts";

export interface PolicySource {
  readonly ref: PrincipalRef;
  readonly principal: RequestPrincipal;
}

const GROUP_ARN = /^arn:aws:iam::(\d{12}):group\/(?:.*\/)?([^/]+)$/;

export async function resolvePolicySource(
  store: StoreSession,
  caller: CallerIdentity,
  arn: string,
): Promise<PolicySource> {
  const account = caller.accountId;
  const user = parseUserArn(arn);
  if (user) {
    const found =
      user.accountId === account ? await store.users.getByName(account, user.userName) : undefined;
    if (found?.arn !== arn) throw noSuchUser(user.userName);
    return { ref: { kind: "user", id: found.userId }, principal: { arn, accountId: account, type: "user" } };
  }
  const role = parseRoleArn(arn);
  if (role) {
    const found =
      role.accountId === account ? await store.roles.getByName(account, role.roleName) : undefined;
    if (found?.arn !== arn) throw noSuchRole(role.roleName);
    return {
      ref: { kind: "role", id: found.roleId },
      principal: { arn, accountId: account, type: "assumed-role", roleArn: arn },
    };
  }
  const group = GROUP_ARN.exec(arn);
  if (group) {
    const [, groupAccount, groupName] = group as unknown as [string, string, string];
    const found = groupAccount === account ? await store.groups.getByName(account, groupName) : undefined;
    if (found?.arn !== arn) throw noSuchGroup(groupName);
    // A group is simulated as one of its members would be decided: an IAM user of the account.
    return {
      ref: { kind: "group", id: found.groupId },
      principal: { arn, accountId: account, type: "user" },
    };
  }
  // AWS wording unconfirmed.
  throw new InvalidInput(`Invalid PolicySourceArn: ${arn} is not the ARN of an IAM user, group or role.`);
}
