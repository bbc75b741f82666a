// Finding the OIDC provider an IAM call names (by ARN, in the caller's account), and its shape in
// GetOpenIDConnectProvider's answer.

import { NoSuchEntity } from "../../domain/errors/iamErrors.ts";
import type { OidcProvider } from "../../domain/OidcProvider.ts";
import type { CallerIdentity } from "../../domain/Principal.ts";
import type { StoreSession } from "../../store/ports.ts";
import type { OperationContext } from "../OperationContext.ts";

export async function getOidcProviderOrThrow(
  store: StoreSession,
  caller: CallerIdentity,
  arn: string,
): Promise<OidcProvider> {
  const provider = await store.oidcProviders.get(arn);
  // AWS wording unconfirmed
  if (!provider || provider.accountId !== caller.accountId)
    throw new NoSuchEntity(`OpenIDConnect Provider not found for arn ${arn}`);
  return provider;
}

/** The provider an `OpenIDConnectProviderArn` input names, for a handler's `execute`. */
export function oidcProviderOf(
  input: { OpenIDConnectProviderArn: string },
  ctx: Pick<OperationContext, "store" | "caller">,
): Promise<OidcProvider> {
  return getOidcProviderOrThrow(ctx.store, ctx.caller, input.OpenIDConnectProviderArn);
}

/** Every OIDC provider operation acts on the provider's ARN. */
export function oidcProviderResource(input: { OpenIDConnectProviderArn: string }): string {
  return input.OpenIDConnectProviderArn;
}
