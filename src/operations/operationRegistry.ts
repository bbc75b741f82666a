// The operations Portcullis serves, by service and AWS name. Any operation in the service model
// that is not listed here answers NotImplemented (501), never a 500.

import { CreateAccessKey } from "./iam/CreateAccessKey.ts";
import { CreateUser } from "./iam/CreateUser.ts";
import { CreateVirtualMFADevice } from "./iam/CreateVirtualMFADevice.ts";
import { DeactivateMFADevice } from "./iam/DeactivateMFADevice.ts";
import { DeleteAccessKey } from "./iam/DeleteAccessKey.ts";
import { DeleteUser } from "./iam/DeleteUser.ts";
import { DeleteVirtualMFADevice } from "./iam/DeleteVirtualMFADevice.ts";
import { EnableMFADevice } from "./iam/EnableMFADevice.ts";
import { GetAccessKeyLastUsed } from "./iam/GetAccessKeyLastUsed.ts";
import { GetContextKeysForCustomPolicy } from "./iam/GetContextKeysForCustomPolicy.ts";
import { GetContextKeysForPrincipalPolicy } from "./iam/GetContextKeysForPrincipalPolicy.ts";
import { GetMFADevice } from "./iam/GetMFADevice.ts";
import { GetUser } from "./iam/GetUser.ts";
import { ListAccessKeys } from "./iam/ListAccessKeys.ts";
import { ListMFADevices } from "./iam/ListMFADevices.ts";
import { ListMFADeviceTags } from "./iam/ListMFADeviceTags.ts";
import { ListUsers } from "./iam/ListUsers.ts";
import { ListUserTags } from "./iam/ListUserTags.ts";
import { ListVirtualMFADevices } from "./iam/ListVirtualMFADevices.ts";
import { ResyncMFADevice } from "./iam/ResyncMFADevice.ts";
import { SimulateCustomPolicy } from "./iam/SimulateCustomPolicy.ts";
import { SimulatePrincipalPolicy } from "./iam/SimulatePrincipalPolicy.ts";
import { TagMFADevice } from "./iam/TagMFADevice.ts";
import { TagUser } from "./iam/TagUser.ts";
import { UntagMFADevice } from "./iam/UntagMFADevice.ts";
import { UntagUser } from "./iam/UntagUser.ts";
import { UpdateAccessKey } from "./iam/UpdateAccessKey.ts";
import { UpdateUser } from "./iam/UpdateUser.ts";
import type { Operation } from "./Operation.ts";
import { GetAccessKeyInfo } from "./sts/GetAccessKeyInfo.ts";
import { GetCallerIdentity } from "./sts/GetCallerIdentity.ts";
import { GetSessionToken } from "./sts/GetSessionToken.ts";

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
    CreateVirtualMFADevice,
    EnableMFADevice,
    DeactivateMFADevice,
    DeleteVirtualMFADevice,
    ListMFADevices,
    ListVirtualMFADevices,
    GetMFADevice,
    ResyncMFADevice,
    TagMFADevice,
    UntagMFADevice,
    ListMFADeviceTags,
  ]),
  sts: byName([GetCallerIdentity, GetAccessKeyInfo, GetSessionToken]),
};
