// The role an sts:AssumeRole* call names, and its trust policy as the resource policy the call is
// decided against. A role that does not exist (or whose ARN differs, e.g. by path) has a trust
// policy that allows no one, so the caller gets AccessDenied, as AWS answers, not NoSuchEntity:
// the answer must not tell an outsider which roles exist.

import { parseRoleArn } from "../../domain/arns.ts";
import type { StoreSession } from "../../store/ports.ts";
import type { ResourcePolicyOf } from "../Operation.ts";

const TRUSTS_NO_ONE = '{"Version":"2012-10-17","Statement":[]}';

export async function trustPolicyOf(store: StoreSession, roleArn: string): Promise<ResourcePolicyOf> {
  const target = parseRoleArn(roleArn);
  const role = target && (await store.roles.getByName(target.accountId, target.roleName));
  const accountId = target?.accountId ?? "";
  if (!role || role.arn !== roleArn) {
    return {
      kind: "trust",
      accountId,
      policy: { id: roleArn, name: "trust policy", type: "inline", document: TRUSTS_NO_ONE },
    };
  }
  return {
    kind: "trust",
    accountId: role.accountId,
    policy: { id: role.roleId, name: role.roleName, type: "inline", document: role.assumeRolePolicyDocument },
  };
}
