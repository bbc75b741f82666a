// The operations Portcullis serves, by service and AWS name. Any operation in the service model
// that is not listed here answers NotImplemented (501), never a 500.

import { AddClientIDToOpenIDConnectProvider } from "./iam/AddClientIDToOpenIDConnectProvider.ts";
import { AddRoleToInstanceProfile } from "./iam/AddRoleToInstanceProfile.ts";
import { AddUserToGroup } from "./iam/AddUserToGroup.ts";
import { AttachGroupPolicy } from "./iam/AttachGroupPolicy.ts";
import { AttachRolePolicy } from "./iam/AttachRolePolicy.ts";
import { AttachUserPolicy } from "./iam/AttachUserPolicy.ts";
import { ChangePassword } from "./iam/ChangePassword.ts";
import { CreateAccessKey } from "./iam/CreateAccessKey.ts";
import { CreateAccountAlias } from "./iam/CreateAccountAlias.ts";
import { CreateGroup } from "./iam/CreateGroup.ts";
import { CreateInstanceProfile } from "./iam/CreateInstanceProfile.ts";
import { CreateLoginProfile } from "./iam/CreateLoginProfile.ts";
import { CreateOpenIDConnectProvider } from "./iam/CreateOpenIDConnectProvider.ts";
import { CreatePolicy } from "./iam/CreatePolicy.ts";
import { CreatePolicyVersion } from "./iam/CreatePolicyVersion.ts";
import { CreateRole } from "./iam/CreateRole.ts";
import { CreateSAMLProvider } from "./iam/CreateSAMLProvider.ts";
import { CreateUser } from "./iam/CreateUser.ts";
import { CreateVirtualMFADevice } from "./iam/CreateVirtualMFADevice.ts";
import { DeactivateMFADevice } from "./iam/DeactivateMFADevice.ts";
import { DeleteAccessKey } from "./iam/DeleteAccessKey.ts";
import { DeleteAccountAlias } from "./iam/DeleteAccountAlias.ts";
import { DeleteAccountPasswordPolicy } from "./iam/DeleteAccountPasswordPolicy.ts";
import { DeleteGroup } from "./iam/DeleteGroup.ts";
import { DeleteGroupPolicy } from "./iam/DeleteGroupPolicy.ts";
import { DeleteInstanceProfile } from "./iam/DeleteInstanceProfile.ts";
import { DeleteLoginProfile } from "./iam/DeleteLoginProfile.ts";
import { DeleteOpenIDConnectProvider } from "./iam/DeleteOpenIDConnectProvider.ts";
import { DeletePolicy } from "./iam/DeletePolicy.ts";
import { DeletePolicyVersion } from "./iam/DeletePolicyVersion.ts";
import { DeleteRole } from "./iam/DeleteRole.ts";
import { DeleteRolePermissionsBoundary } from "./iam/DeleteRolePermissionsBoundary.ts";
import { DeleteRolePolicy } from "./iam/DeleteRolePolicy.ts";
import { DeleteSAMLProvider } from "./iam/DeleteSAMLProvider.ts";
import { DeleteSigningCertificate } from "./iam/DeleteSigningCertificate.ts";
import { DeleteSSHPublicKey } from "./iam/DeleteSSHPublicKey.ts";
import { DeleteUser } from "./iam/DeleteUser.ts";
import { DeleteUserPermissionsBoundary } from "./iam/DeleteUserPermissionsBoundary.ts";
import { DeleteUserPolicy } from "./iam/DeleteUserPolicy.ts";
import { DeleteVirtualMFADevice } from "./iam/DeleteVirtualMFADevice.ts";
import { DetachGroupPolicy } from "./iam/DetachGroupPolicy.ts";
import { DetachRolePolicy } from "./iam/DetachRolePolicy.ts";
import { DetachUserPolicy } from "./iam/DetachUserPolicy.ts";
import { EnableMFADevice } from "./iam/EnableMFADevice.ts";
import { GenerateCredentialReport } from "./iam/GenerateCredentialReport.ts";
import { GetAccessKeyLastUsed } from "./iam/GetAccessKeyLastUsed.ts";
import { GetAccountAuthorizationDetails } from "./iam/GetAccountAuthorizationDetails.ts";
import { GetAccountPasswordPolicy } from "./iam/GetAccountPasswordPolicy.ts";
import { GetAccountSummary } from "./iam/GetAccountSummary.ts";
import { GetContextKeysForCustomPolicy } from "./iam/GetContextKeysForCustomPolicy.ts";
import { GetContextKeysForPrincipalPolicy } from "./iam/GetContextKeysForPrincipalPolicy.ts";
import { GetCredentialReport } from "./iam/GetCredentialReport.ts";
import { GetGroup } from "./iam/GetGroup.ts";
import { GetGroupPolicy } from "./iam/GetGroupPolicy.ts";
import { GetInstanceProfile } from "./iam/GetInstanceProfile.ts";
import { GetLoginProfile } from "./iam/GetLoginProfile.ts";
import { GetMFADevice } from "./iam/GetMFADevice.ts";
import { GetOpenIDConnectProvider } from "./iam/GetOpenIDConnectProvider.ts";
import { GetPolicy } from "./iam/GetPolicy.ts";
import { GetPolicyVersion } from "./iam/GetPolicyVersion.ts";
import { GetRole } from "./iam/GetRole.ts";
import { GetRolePolicy } from "./iam/GetRolePolicy.ts";
import { GetSAMLProvider } from "./iam/GetSAMLProvider.ts";
import { GetSSHPublicKey } from "./iam/GetSSHPublicKey.ts";
import { GetUser } from "./iam/GetUser.ts";
import { GetUserPolicy } from "./iam/GetUserPolicy.ts";
import { ListAccessKeys } from "./iam/ListAccessKeys.ts";
import { ListAccountAliases } from "./iam/ListAccountAliases.ts";
import { ListAttachedGroupPolicies } from "./iam/ListAttachedGroupPolicies.ts";
import { ListAttachedRolePolicies } from "./iam/ListAttachedRolePolicies.ts";
import { ListAttachedUserPolicies } from "./iam/ListAttachedUserPolicies.ts";
import { ListEntitiesForPolicy } from "./iam/ListEntitiesForPolicy.ts";
import { ListGroupPolicies } from "./iam/ListGroupPolicies.ts";
import { ListGroups } from "./iam/ListGroups.ts";
import { ListGroupsForUser } from "./iam/ListGroupsForUser.ts";
import { ListInstanceProfiles } from "./iam/ListInstanceProfiles.ts";
import { ListInstanceProfilesForRole } from "./iam/ListInstanceProfilesForRole.ts";
import { ListInstanceProfileTags } from "./iam/ListInstanceProfileTags.ts";
import { ListMFADevices } from "./iam/ListMFADevices.ts";
import { ListMFADeviceTags } from "./iam/ListMFADeviceTags.ts";
import { ListOpenIDConnectProviders } from "./iam/ListOpenIDConnectProviders.ts";
import { ListOpenIDConnectProviderTags } from "./iam/ListOpenIDConnectProviderTags.ts";
import { ListPolicies } from "./iam/ListPolicies.ts";
import { ListPolicyTags } from "./iam/ListPolicyTags.ts";
import { ListPolicyVersions } from "./iam/ListPolicyVersions.ts";
import { ListRolePolicies } from "./iam/ListRolePolicies.ts";
import { ListRoles } from "./iam/ListRoles.ts";
import { ListRoleTags } from "./iam/ListRoleTags.ts";
import { ListSAMLProviders } from "./iam/ListSAMLProviders.ts";
import { ListSAMLProviderTags } from "./iam/ListSAMLProviderTags.ts";
import { ListSigningCertificates } from "./iam/ListSigningCertificates.ts";
import { ListSSHPublicKeys } from "./iam/ListSSHPublicKeys.ts";
import { ListUserPolicies } from "./iam/ListUserPolicies.ts";
import { ListUsers } from "./iam/ListUsers.ts";
import { ListUserTags } from "./iam/ListUserTags.ts";
import { ListVirtualMFADevices } from "./iam/ListVirtualMFADevices.ts";
import { PutGroupPolicy } from "./iam/PutGroupPolicy.ts";
import { PutRolePermissionsBoundary } from "./iam/PutRolePermissionsBoundary.ts";
import { PutRolePolicy } from "./iam/PutRolePolicy.ts";
import { PutUserPermissionsBoundary } from "./iam/PutUserPermissionsBoundary.ts";
import { PutUserPolicy } from "./iam/PutUserPolicy.ts";
import { RemoveClientIDFromOpenIDConnectProvider } from "./iam/RemoveClientIDFromOpenIDConnectProvider.ts";
import { RemoveRoleFromInstanceProfile } from "./iam/RemoveRoleFromInstanceProfile.ts";
import { RemoveUserFromGroup } from "./iam/RemoveUserFromGroup.ts";
import { ResyncMFADevice } from "./iam/ResyncMFADevice.ts";
import { SetDefaultPolicyVersion } from "./iam/SetDefaultPolicyVersion.ts";
import { SimulateCustomPolicy } from "./iam/SimulateCustomPolicy.ts";
import { SimulatePrincipalPolicy } from "./iam/SimulatePrincipalPolicy.ts";
import { TagInstanceProfile } from "./iam/TagInstanceProfile.ts";
import { TagMFADevice } from "./iam/TagMFADevice.ts";
import { TagOpenIDConnectProvider } from "./iam/TagOpenIDConnectProvider.ts";
import { TagPolicy } from "./iam/TagPolicy.ts";
import { TagRole } from "./iam/TagRole.ts";
import { TagSAMLProvider } from "./iam/TagSAMLProvider.ts";
import { TagUser } from "./iam/TagUser.ts";
import { UntagInstanceProfile } from "./iam/UntagInstanceProfile.ts";
import { UntagMFADevice } from "./iam/UntagMFADevice.ts";
import { UntagOpenIDConnectProvider } from "./iam/UntagOpenIDConnectProvider.ts";
import { UntagPolicy } from "./iam/UntagPolicy.ts";
import { UntagRole } from "./iam/UntagRole.ts";
import { UntagSAMLProvider } from "./iam/UntagSAMLProvider.ts";
import { UntagUser } from "./iam/UntagUser.ts";
import { UpdateAccessKey } from "./iam/UpdateAccessKey.ts";
import { UpdateAccountPasswordPolicy } from "./iam/UpdateAccountPasswordPolicy.ts";
import { UpdateAssumeRolePolicy } from "./iam/UpdateAssumeRolePolicy.ts";
import { UpdateGroup } from "./iam/UpdateGroup.ts";
import { UpdateLoginProfile } from "./iam/UpdateLoginProfile.ts";
import { UpdateOpenIDConnectProviderThumbprint } from "./iam/UpdateOpenIDConnectProviderThumbprint.ts";
import { UpdateRole } from "./iam/UpdateRole.ts";
import { UpdateRoleDescription } from "./iam/UpdateRoleDescription.ts";
import { UpdateSAMLProvider } from "./iam/UpdateSAMLProvider.ts";
import { UpdateSigningCertificate } from "./iam/UpdateSigningCertificate.ts";
import { UpdateSSHPublicKey } from "./iam/UpdateSSHPublicKey.ts";
import { UpdateUser } from "./iam/UpdateUser.ts";
import { UploadSigningCertificate } from "./iam/UploadSigningCertificate.ts";
import { UploadSSHPublicKey } from "./iam/UploadSSHPublicKey.ts";
import type { Operation } from "./Operation.ts";
import { AssumeRole } from "./sts/AssumeRole.ts";
import { AssumeRoleWithSAML } from "./sts/AssumeRoleWithSAML.ts";
import { AssumeRoleWithWebIdentity } from "./sts/AssumeRoleWithWebIdentity.ts";
import { DecodeAuthorizationMessage } from "./sts/DecodeAuthorizationMessage.ts";
import { GetAccessKeyInfo } from "./sts/GetAccessKeyInfo.ts";
import { GetCallerIdentity } from "./sts/GetCallerIdentity.ts";
import { GetFederationToken } from "./sts/GetFederationToken.ts";
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
    CreatePolicy,
    GetPolicy,
    ListPolicies,
    DeletePolicy,
    CreatePolicyVersion,
    GetPolicyVersion,
    ListPolicyVersions,
    DeletePolicyVersion,
    SetDefaultPolicyVersion,
    TagPolicy,
    UntagPolicy,
    ListPolicyTags,
    AttachUserPolicy,
    DetachUserPolicy,
    ListAttachedUserPolicies,
    PutUserPolicy,
    GetUserPolicy,
    DeleteUserPolicy,
    ListUserPolicies,
    PutUserPermissionsBoundary,
    DeleteUserPermissionsBoundary,
    ListEntitiesForPolicy,
    CreateGroup,
    GetGroup,
    ListGroups,
    UpdateGroup,
    DeleteGroup,
    AddUserToGroup,
    RemoveUserFromGroup,
    ListGroupsForUser,
    AttachGroupPolicy,
    DetachGroupPolicy,
    ListAttachedGroupPolicies,
    PutGroupPolicy,
    GetGroupPolicy,
    DeleteGroupPolicy,
    ListGroupPolicies,
    CreateRole,
    GetRole,
    ListRoles,
    UpdateRole,
    UpdateRoleDescription,
    UpdateAssumeRolePolicy,
    DeleteRole,
    TagRole,
    UntagRole,
    ListRoleTags,
    AttachRolePolicy,
    DetachRolePolicy,
    ListAttachedRolePolicies,
    PutRolePolicy,
    GetRolePolicy,
    DeleteRolePolicy,
    ListRolePolicies,
    PutRolePermissionsBoundary,
    DeleteRolePermissionsBoundary,
    CreateInstanceProfile,
    GetInstanceProfile,
    ListInstanceProfiles,
    DeleteInstanceProfile,
    AddRoleToInstanceProfile,
    RemoveRoleFromInstanceProfile,
    ListInstanceProfilesForRole,
    TagInstanceProfile,
    UntagInstanceProfile,
    ListInstanceProfileTags,
    CreateLoginProfile,
    GetLoginProfile,
    UpdateLoginProfile,
    DeleteLoginProfile,
    ChangePassword,
    GetAccountPasswordPolicy,
    UpdateAccountPasswordPolicy,
    DeleteAccountPasswordPolicy,
    CreateAccountAlias,
    ListAccountAliases,
    DeleteAccountAlias,
    GetAccountSummary,
    GetAccountAuthorizationDetails,
    GenerateCredentialReport,
    GetCredentialReport,
    UploadSSHPublicKey,
    GetSSHPublicKey,
    ListSSHPublicKeys,
    UpdateSSHPublicKey,
    DeleteSSHPublicKey,
    UploadSigningCertificate,
    ListSigningCertificates,
    UpdateSigningCertificate,
    DeleteSigningCertificate,
    CreateOpenIDConnectProvider,
    GetOpenIDConnectProvider,
    ListOpenIDConnectProviders,
    DeleteOpenIDConnectProvider,
    AddClientIDToOpenIDConnectProvider,
    RemoveClientIDFromOpenIDConnectProvider,
    UpdateOpenIDConnectProviderThumbprint,
    TagOpenIDConnectProvider,
    UntagOpenIDConnectProvider,
    ListOpenIDConnectProviderTags,
    CreateSAMLProvider,
    GetSAMLProvider,
    ListSAMLProviders,
    UpdateSAMLProvider,
    DeleteSAMLProvider,
    TagSAMLProvider,
    UntagSAMLProvider,
    ListSAMLProviderTags,
  ]),
  sts: byName([
    GetCallerIdentity,
    GetAccessKeyInfo,
    GetSessionToken,
    AssumeRole,
    DecodeAuthorizationMessage,
    AssumeRoleWithWebIdentity,
    AssumeRoleWithSAML,
    GetFederationToken,
  ]),
};
