// GetAccountSummary: the account's entity counts and quotas under AWS's SummaryMap key names. The
// counts are real; the quotas are the limits this server enforces (the domain's constants), and
// AWS's default quotas for what it does not limit itself.

import { MAX_ACCESS_KEYS_PER_USER } from "../../domain/AccessKey.ts";
import {
  MAX_GROUPS_PER_ACCOUNT,
  MAX_GROUPS_PER_USER,
  MAX_INLINE_GROUP_POLICY_TOTAL_SIZE,
  MAX_MANAGED_POLICIES_PER_GROUP,
} from "../../domain/Group.ts";
import { MAX_INSTANCE_PROFILES_PER_ACCOUNT } from "../../domain/InstanceProfile.ts";
import {
  MAX_INLINE_USER_POLICY_TOTAL_SIZE,
  MAX_MANAGED_POLICIES_PER_USER,
  MAX_MANAGED_POLICY_SIZE,
  MAX_POLICY_VERSIONS,
} from "../../domain/ManagedPolicy.ts";
import {
  MAX_INLINE_ROLE_POLICY_TOTAL_SIZE,
  MAX_MANAGED_POLICIES_PER_ROLE,
  MAX_ROLES_PER_ACCOUNT,
  MAX_TRUST_POLICY_SIZE,
} from "../../domain/Role.ts";
import { MAX_SIGNING_CERTIFICATES_PER_USER } from "../../domain/SigningCertificate.ts";
import type { GetAccountSummaryResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { ACCOUNT_RESOURCE } from "./passwordPolicyShape.ts";

/** AWS's default quotas for what this server counts but does not cap. */
const AWS_DEFAULT_QUOTAS = {
  UsersQuota: 5000,
  PoliciesQuota: 1500,
  PolicyVersionsInUseQuota: 10000,
  ServerCertificatesQuota: 20,
};

export const GetAccountSummary = defineOperation<void, GetAccountSummaryResponse>({
  service: "iam",
  name: "GetAccountSummary",
  action: "iam:GetAccountSummary",
  mutating: false,
  resource: () => ACCOUNT_RESOURCE,
  async execute(_input, { caller, store }) {
    const accountId = caller.accountId;
    const policies = await store.managedPolicies.list(accountId, "/");
    let versions = 0;
    for (const p of policies) versions += (await store.managedPolicies.listVersions(p.arn)).length;
    const devices = await store.mfaDevices.list(accountId, "Any");
    const rootDevices = await store.mfaDevices.listAssigned(accountId, { kind: "root" });
    const rootKeys = await store.accessKeys.listForRoot(accountId);
    return {
      SummaryMap: {
        Users: await store.users.count(accountId),
        UsersQuota: AWS_DEFAULT_QUOTAS.UsersQuota,
        Groups: await store.groups.count(accountId),
        GroupsQuota: MAX_GROUPS_PER_ACCOUNT,
        Roles: await store.roles.count(accountId),
        RolesQuota: MAX_ROLES_PER_ACCOUNT,
        InstanceProfiles: await store.instanceProfiles.count(accountId),
        InstanceProfilesQuota: MAX_INSTANCE_PROFILES_PER_ACCOUNT,
        Policies: policies.length,
        PoliciesQuota: AWS_DEFAULT_QUOTAS.PoliciesQuota,
        PolicySizeQuota: MAX_MANAGED_POLICY_SIZE,
        PolicyVersionsInUse: versions,
        PolicyVersionsInUseQuota: AWS_DEFAULT_QUOTAS.PolicyVersionsInUseQuota,
        VersionsPerPolicyQuota: MAX_POLICY_VERSIONS,
        ServerCertificates: 0,
        ServerCertificatesQuota: AWS_DEFAULT_QUOTAS.ServerCertificatesQuota,
        UserPolicySizeQuota: MAX_INLINE_USER_POLICY_TOTAL_SIZE,
        GroupPolicySizeQuota: MAX_INLINE_GROUP_POLICY_TOTAL_SIZE,
        RolePolicySizeQuota: MAX_INLINE_ROLE_POLICY_TOTAL_SIZE,
        AssumeRolePolicySizeQuota: MAX_TRUST_POLICY_SIZE,
        GroupsPerUserQuota: MAX_GROUPS_PER_USER,
        SigningCertificatesPerUserQuota: MAX_SIGNING_CERTIFICATES_PER_USER,
        AccessKeysPerUserQuota: MAX_ACCESS_KEYS_PER_USER,
        AttachedPoliciesPerUserQuota: MAX_MANAGED_POLICIES_PER_USER,
        AttachedPoliciesPerGroupQuota: MAX_MANAGED_POLICIES_PER_GROUP,
        AttachedPoliciesPerRoleQuota: MAX_MANAGED_POLICIES_PER_ROLE,
        MFADevices: devices.length,
        MFADevicesInUse: devices.filter((d) => d.owner !== undefined).length,
        AccountMFAEnabled: rootDevices.length > 0 ? 1 : 0,
        AccountAccessKeysPresent: rootKeys.length > 0 ? 1 : 0,
        // The root's console password and signing certificates are not managed here.
        AccountPasswordPresent: 0,
        AccountSigningCertificatesPresent: 0,
        Providers: 0,
        GlobalEndpointTokenVersion: 1,
      },
    };
  },
});
