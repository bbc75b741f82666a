// Finding the SAML provider an IAM call names by ARN, in the caller's account, and reading the
// metadata a create or update uploads.

import { randomBytes } from "node:crypto";
import { parseSamlMetadata } from "../../auth/saml/parseSamlMetadata.ts";
import { NoSuchEntity } from "../../domain/errors/iamErrors.ts";
import type { SamlProvider } from "../../domain/SamlProvider.ts";
import type { StoreSession } from "../../store/ports.ts";

/** AWS gives a provider without a validUntil in its metadata a far-off expiry. AWS behaviour unconfirmed. */
const DEFAULT_VALIDITY_YEARS = 100;

export async function getSamlProviderOrThrow(
  store: StoreSession,
  accountId: string,
  arn: string,
): Promise<SamlProvider> {
  const provider = await store.samlProviders.getByArn(arn);
  // AWS wording unconfirmed
  if (!provider || provider.accountId !== accountId)
    throw new NoSuchEntity(`Manifest not found for arn ${arn}`);
  return provider;
}

/** The stored facts of an uploaded metadata document; InvalidInput when it is not usable. */
export function samlMetadataFacts(
  document: string,
  now: Date,
): Pick<SamlProvider, "metadataDocument" | "entityId" | "certificates" | "validUntil"> {
  const metadata = parseSamlMetadata(document);
  const validUntil = metadata.validUntil ?? new Date(now);
  if (!metadata.validUntil) validUntil.setUTCFullYear(validUntil.getUTCFullYear() + DEFAULT_VALIDITY_YEARS);
  return {
    metadataDocument: document,
    entityId: metadata.entityId,
    certificates: metadata.certificates,
    validUntil,
  };
}

/** AWS's SAMLProviderUUID: a random version-4 UUID. */
export function samlProviderUuid(random: (n: number) => Buffer = randomBytes): string {
  const b = random(16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
