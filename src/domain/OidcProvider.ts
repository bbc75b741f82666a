// An IAM OpenID Connect identity provider as stored: the issuer it trusts, the client ids
// (audiences) a token may carry, optional certificate thumbprints, and AWS's quotas for it. Also
// the one reading of an issuer URL that both CreateOpenIDConnectProvider and
// AssumeRoleWithWebIdentity use, so a provider and a token's `iss` always name it alike.

export interface OidcProvider {
  readonly accountId: string;
  /** `arn:aws:iam::ACCOUNT:oidc-provider/HOST[:PORT][/PATH]`. */
  readonly arn: string;
  /** The issuer as registered, scheme included: a token's `iss` must equal it exactly. */
  readonly issuer: string;
  readonly clientIds: readonly string[];
  readonly thumbprints: readonly string[];
  readonly createDate: Date;
}

/** AWS's IAM quotas (reference_iam-quotas): client ids and thumbprints per provider, providers per account. */
export const MAX_CLIENT_IDS_PER_OIDC_PROVIDER = 100;
export const MAX_THUMBPRINTS_PER_OIDC_PROVIDER = 5;
export const MAX_OIDC_PROVIDERS_PER_ACCOUNT = 100;

export interface IssuerUrl {
  /** The URL as given, scheme included. */
  readonly issuer: string;
  /**
   * The issuer without its scheme (`host[:port][/path]`): the ARN's resource, the `Url` IAM
   * answers with, and the prefix of the trust-policy condition keys (`host:port:sub`).
   */
  readonly resource: string;
}

// Host names and IPv4 addresses, an optional port, a path; no user info, query or fragment.
const ISSUER = /^(https|http):\/\/([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::(\d{1,5}))?(\/[^\s?#]*)?$/;

function isLoopback(host: string): boolean {
  return host.toLowerCase() === "localhost" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Reads an issuer URL; undefined when it is not one IAM accepts. AWS requires `https://`; plain
 * `http://` is accepted only for a loopback host and only when the operator allowed it (tests and
 * local identity providers), never for a host another machine could answer for.
 */
export function parseIssuerUrl(url: string, options: { allowHttpLoopback: boolean }): IssuerUrl | undefined {
  const m = ISSUER.exec(url);
  if (!m) return undefined;
  const [, scheme, host, port] = m as unknown as [string, string, string, string | undefined];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return undefined;
  if (scheme === "http" && !(options.allowHttpLoopback && isLoopback(host))) return undefined;
  return { issuer: url, resource: url.slice(scheme.length + 3) };
}

export function oidcProviderArn(accountId: string, resource: string): string {
  return `arn:aws:iam::${accountId}:oidc-provider/${resource}`;
}
