// An IdP's SAML metadata document, as CreateSAMLProvider and UpdateSAMLProvider receive it: an
// EntityDescriptor with its entityID, and at least one signing certificate of its
// IDPSSODescriptor (a KeyDescriptor without `use`, or with use="signing"), each a well-formed
// X.509 certificate. Anything else is refused with AWS's "Could not parse metadata." Pure.

import { X509Certificate } from "node:crypto";
import { InvalidInput } from "../../domain/errors/iamErrors.ts";
import { childElements, onlyChild, parseSamlXml, SAML_NS, textOf } from "./parseSamlXml.ts";

export interface SamlMetadata {
  readonly entityId: string;
  /** PEM. */
  readonly certificates: string[];
  /** The descriptor's validUntil, when it has one. */
  readonly validUntil?: Date;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function refused(): InvalidInput {
  return new InvalidInput("Could not parse metadata.");
}

export function parseSamlMetadata(document: string): SamlMetadata {
  const doc = parseSamlXml(document);
  const root = doc?.documentElement;
  if (!root || root.namespaceURI !== SAML_NS.metadata || root.localName !== "EntityDescriptor")
    throw refused();
  const entityId = root.getAttribute("entityID") ?? "";
  if (entityId.trim() === "") throw refused();
  const certificates: string[] = [];
  for (const idp of childElements(root, SAML_NS.metadata, "IDPSSODescriptor")) {
    for (const key of childElements(idp, SAML_NS.metadata, "KeyDescriptor")) {
      const use = key.getAttribute("use");
      if (use !== null && use !== "" && use !== "signing") continue;
      const info = onlyChild(key, SAML_NS.dsig, "KeyInfo");
      for (const data of info ? childElements(info, SAML_NS.dsig, "X509Data") : []) {
        for (const cert of childElements(data, SAML_NS.dsig, "X509Certificate")) {
          certificates.push(pemOf(textOf(cert)));
        }
      }
    }
  }
  if (certificates.length === 0) throw refused();
  const validUntilText = root.getAttribute("validUntil");
  const validUntil = validUntilText ? new Date(validUntilText) : undefined;
  if (validUntil && Number.isNaN(validUntil.getTime())) throw refused();
  return { entityId, certificates: [...new Set(certificates)], ...(validUntil ? { validUntil } : {}) };
}

function pemOf(base64Text: string): string {
  const body = base64Text.replace(/\s+/g, "");
  if (!BASE64.test(body)) throw refused();
  try {
    return new X509Certificate(Buffer.from(body, "base64")).toString().trim();
  } catch {
    throw refused();
  }
}
