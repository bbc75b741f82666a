/**
 * The extra grammar AWS applies to customer-managed policies on write (CreatePolicy,
 * CreatePolicyVersion): the policy language version and the shape of resource ARNs by service.
 * Kept as data so each rule and its message sit in one table; the parser only walks it.
 * Messages are AWS's as observed in published MalformedPolicyDocument answers.
 * Pure: no I/O.
 */

export const MANAGED_POLICY_MESSAGES = {
  version: "Policy document must be version 2012-10-17 or greater.",
  vendor: "Resource vendor must be fully qualified and cannot contain regexes.",
} as const;

interface ServiceArnRule {
  /** Message when the region field is not empty; `{resource}` is the resource as written. */
  regionMessage?: string;
  /** Message when the account field is not empty. */
  accountMessage?: string;
  /** Resource-part prefixes that carry region and account after all (S3 access points, jobs…). */
  regionalResourceTypes?: readonly string[];
  /** The resource part must be one of these, or start with one of the prefixes. */
  resourceTypes?: { exact: readonly string[]; prefixes: readonly string[]; message: string };
}

const IAM_RESOURCE_PREFIXES = [
  "user/",
  "federated-user/",
  "role/",
  "group/",
  "instance-profile/",
  "mfa/",
  "server-certificate/",
  "policy/",
  "sms-mfa/",
  "saml-provider/",
  "oidc-provider/",
  "report/",
  "access-report/",
] as const;

export const SERVICE_ARN_RULES: Readonly<Record<string, ServiceArnRule>> = {
  iam: {
    regionMessage: "IAM resource {resource} cannot contain region information.",
    // AWS wording unconfirmed (the list and its order; the rule itself is AWS's).
    resourceTypes: {
      exact: ["*", "root"],
      prefixes: IAM_RESOURCE_PREFIXES,
      message: `IAM resource path must either be "*", root, or start with ${IAM_RESOURCE_PREFIXES.join(", ")}.`,
    },
  },
  s3: {
    regionMessage: "Resource {resource} can not contain region information.",
    // AWS wording unconfirmed (modelled on the region message).
    accountMessage: "Resource {resource} can not contain account information.",
    // Access points, batch jobs and Storage Lens name a region and an account (multi-Region
    // access points an account only), so bucket rules do not apply to them.
    regionalResourceTypes: ["accesspoint/", "job/", "storage-lens/", "storage-lens-group/", "access-grants/"],
  },
};

/** The first managed-policy rule `resource` breaks, as AWS's message, or undefined. */
export function checkManagedResourceArn(resource: string): string | undefined {
  if (resource === "*" || !resource.startsWith("arn:")) return undefined;
  const parts = resource.split(":");
  // "arn:aws" alone, or a service field with wildcards: AWS wants a literal vendor.
  if (parts.length < 3) return MANAGED_POLICY_MESSAGES.vendor;
  const service = parts[2] ?? "";
  if (/[*?]/.test(service)) return MANAGED_POLICY_MESSAGES.vendor;
  const rule = SERVICE_ARN_RULES[service];
  if (!rule || parts.length < 6) return undefined;
  const region = parts[3] ?? "";
  const account = parts[4] ?? "";
  const rest = parts.slice(5).join(":");
  const fill = (m: string) => m.replace("{resource}", resource);
  const regional = rule.regionalResourceTypes?.some((p) => rest.startsWith(p)) ?? false;
  if (!regional) {
    if (rule.regionMessage && region !== "") return fill(rule.regionMessage);
    if (rule.accountMessage && account !== "") return fill(rule.accountMessage);
  }
  const types = rule.resourceTypes;
  if (types && !types.exact.includes(rest) && !types.prefixes.some((p) => rest.startsWith(p))) {
    return types.message;
  }
  return undefined;
}
