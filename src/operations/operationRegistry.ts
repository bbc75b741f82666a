// The operations Portcullis serves, by service and AWS name. Any operation in the service model
// that is not listed here answers NotImplemented (501), never a 500.

import { CreateAccessKey } from "./iam/CreateAccessKey.ts";
import { CreateUser } from "./iam/CreateUser.ts";
import { DeleteAccessKey } from "./iam/DeleteAccessKey.ts";
import { DeleteUser } from "./iam/DeleteUser.ts";
import { GetAccessKeyLastUsed } from "./iam/GetAccessKeyLastUsed.ts";
import { GetContextKeysForCustomPolicy } from "./iam/GetContextKeysForCustomPolicy.ts";
import { GetContextKeysForPrincipalPolicy } from "./iam/GetContextKeysForPrincipalPolicy.ts";
import { GetUser } from "./iam/GetUser.ts";
import { ListAccessKeys } from "./iam/ListAccessKeys.ts";
import { ListUsers } from "./iam/ListUsers.ts";
import { ListUserTags } from "./iam/ListUserTags.ts";
import { SimulateCustomPolicy } from "./iam/SimulateCustomPolicy.ts";
import { SimulatePrincipalPolicy } from "./iam/SimulatePrincipalPolicy.ts";
import { TagUser } from "./iam/TagUser.ts";
import { UntagUser } from "./iam/UntagUser.ts";
import { UpdateAccessKey } from "./iam/UpdateAccessKey.ts";
import { UpdateUser } from "./iam/UpdateUser.ts";
import type { Operation } from "./Operation.ts";
import { GetAccessKeyInfo } from "./sts/GetAccessKeyInfo.ts";
import { GetCallerIdentity } from "./sts/GetCallerIdentity.ts";

// biome-ignore lint/suspicious/noExplicitAny: each operation is typed by its own input and output
type AnyOperation = Operation<any, any>;

function byName(ops: AnyOperation[]): ReadonlyMap<string, AnyOperation> {
  return new Map(ops.map((op) => [op.name, op]));
}

export const operationRegistry: Record<"iam" | "sts", ReadonlyMap<string, AnyOperation>> = {
  iam: byName([
    CreateUser,
    GetUser,
    ListUsers,
    UpdateUser,
    DeleteUser,
    TagUser,
    UntagUser,
    ListUserTags,
    CreateAccessKey,
    ListAccessKeys,
    UpdateAccessKey,
    DeleteAccessKey,
    GetAccessKeyLastUsed,
    SimulatePrincipalPolicy,
    SimulateCustomPolicy,
    GetContextKeysForCustomPolicy,
    GetContextKeysForPrincipalPolicy,
  ]),
  sts: byName([GetCallerIdentity, GetAccessKeyInfo]),
};
