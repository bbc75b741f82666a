// Verifying a SAML Response as AssumeRoleWithSAML receives it (base64 of the XML), against one
// provider's entity id and signing certificates. The rules that keep it from being fooled:
//
// - strict XML (no DTD, no entities; see parseSamlXml), sizes bounded before parsing;
// - one shape only: a samlp:Response holding exactly one saml:Assertion as a direct child, no
//   EncryptedAssertion, every signature a direct child of the Response or of that Assertion, no
//   two elements with the same ID, no comments inside the Assertion (a comment inside a NameID is
//   how a signed "alice@corp.example.evil" is read as "alice@corp.example" by a careless parser);
// - every signature present must verify (xml-crypto), with the provider's certificates as the only
//   keys (a certificate in KeyInfo that is not the provider's is refused, not trusted), with
//   rsa-sha256/512, sha256/512 digests and exclusive c14n only, and exactly one Reference, to the
//   element that holds the signature;
// - every fact is read from the XML that the signature covered (xml-crypto's signed reference,
//   parsed again), never from the document received: the signed assertion, or the assertion
//   inside the signed response. So no wrapping of other content around signed content matters;
// - Issuer, audience, recipient and times as AWS requires; redeemed within five minutes of the
//   assertion's IssueInstant.
// Pure: the clock is a parameter.

import { X509Certificate } from "node:crypto";
import type { Element } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";
import {
  ExpiredTokenException,
  IDPRejectedClaim,
  InvalidIdentityToken,
} from "../../domain/errors/stsErrors.ts";
import {
  allElements,
  childElements,
  containsNodeType,
  onlyChild,
  parseSamlXml,
  SAML_NS,
  textOf,
} from "./parseSamlXml.ts";

/** AWS's limit on the SAMLAssertion parameter is 100,000 characters (its service model). */
export const MAX_SAML_RESPONSE_CHARACTERS = 100_000;
/** AWS: the assertion must be redeemed within five minutes of its IssueInstant. */
export const SAML_REDEEM_WITHIN_MS = 5 * 60_000;
/** Clock skew tolerated between the IdP and us, on every time the assertion states. */
export const SAML_CLOCK_SKEW_MS = 60_000;

const RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
const RSA_SHA512 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512";
const SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
const SHA512 = "http://www.w3.org/2001/04/xmlenc#sha512";
const EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
const ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
const BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
const SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
const COMMENT_NODE = 8;
const ID_ATTRIBUTES = ["ID", "Id", "id"];

export interface SamlExpectations {
  /** The provider's entity id: the assertion's Issuer must be exactly this. */
  readonly entityId: string;
  /** PEM certificates: the only keys a signature may verify with. */
  readonly certificates: readonly string[];
  /** Accepted Audience values (any one must be present). */
  readonly audiences: readonly string[];
  /** Accepted SubjectConfirmationData Recipient values (the sign-in URLs). */
  readonly recipients: readonly string[];
  readonly now: Date;
}

export interface VerifiedSamlAssertion {
  readonly assertionId: string;
  readonly issuer: string;
  /** The NameID's whole text. */
  readonly nameId: string;
  /** The NameID's Format (SAML's "unspecified" when absent). */
  readonly nameIdFormat: string;
  readonly recipient: string;
  readonly issueInstant: Date;
  /** Until when this assertion would still be accepted: what replay protection must remember. */
  readonly acceptableUntil: Date;
  /** The AuthnStatement's SessionNotOnOrAfter, when the IdP set one. */
  readonly sessionNotOnOrAfter?: Date;
  /** Attribute values by attribute Name, in document order. */
  readonly attributes: ReadonlyMap<string, readonly string[]>;
}

function invalid(message = "Invalid SAML response."): InvalidIdentityToken {
  // "Response signature invalid" is AWS's; the generic wording is unconfirmed.
  return new InvalidIdentityToken(message);
}

const SIGNATURE_INVALID = "Response signature invalid";

export function verifySamlResponse(samlResponse: string, expected: SamlExpectations): VerifiedSamlAssertion {
  if (samlResponse.length > MAX_SAML_RESPONSE_CHARACTERS) throw invalid();
  const compact = samlResponse.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) throw invalid();
  const xml = Buffer.from(compact, "base64").toString("utf8");
  const doc = parseSamlXml(xml);
  const root = doc?.documentElement;
  if (!doc || !root || root.namespaceURI !== SAML_NS.protocol || root.localName !== "Response")
    throw invalid();

  if (doc.getElementsByTagNameNS(SAML_NS.assertion, "EncryptedAssertion").length > 0) {
    // AWS wording unconfirmed: Portcullis does not decrypt assertions.
    throw invalid("Encrypted assertions are not supported.");
  }
  const assertions = doc.getElementsByTagNameNS(SAML_NS.assertion, "Assertion");
  const received = onlyChild(root, SAML_NS.assertion, "Assertion");
  if (assertions.length !== 1 || !received) throw invalid();
  // Portcullis's own refusal (see the header): comments have no place in an assertion.
  if (containsNodeType(received, COMMENT_NODE))
    throw invalid("Comments are not allowed in a SAML assertion.");
  assertUniqueIds(root);

  const signatures = [...allElements(root)].filter(
    (e) => e.namespaceURI === SAML_NS.dsig && e.localName === "Signature",
  );
  const holders = new Set<Element>([root, received]);
  if (signatures.length === 0) throw invalid(SIGNATURE_INVALID);
  let signedAssertionXml: string | undefined;
  let signedResponseXml: string | undefined;
  for (const signature of signatures) {
    const holder = signature.parentNode as Element | null;
    if (!holder || !holders.has(holder)) throw invalid(SIGNATURE_INVALID);
    const signedXml = verifySignature(xml, signature, holder, expected.certificates);
    if (holder === root) signedResponseXml = signedXml;
    else signedAssertionXml = signedXml;
  }

  const assertion = trustedAssertion(signedAssertionXml, signedResponseXml);
  if (assertion.getAttribute("ID") !== received.getAttribute("ID")) throw invalid(SIGNATURE_INVALID);
  // The status is read where it was received too: an IdP that signs only the assertion still says
  // in the Response whether the authentication succeeded, and a failure is never overlooked.
  assertSuccess(root);
  if (signedResponseXml !== undefined)
    assertSuccess(parseSamlXml(signedResponseXml)?.documentElement ?? undefined);
  return readAssertion(assertion, expected);
}

function assertUniqueIds(root: Element): void {
  const seen = new Set<string>();
  for (const e of allElements(root)) {
    for (const name of ID_ATTRIBUTES) {
      const id = e.getAttribute(name);
      if (id === null) continue;
      if (seen.has(id)) throw invalid();
      seen.add(id);
    }
  }
}

/** The canonical XML the signature covers, once it verifies with one of the provider's keys. */
function verifySignature(
  xml: string,
  signature: Element,
  holder: Element,
  certificates: readonly string[],
): string {
  const holderId = holder.getAttribute("ID");
  if (!holderId) throw invalid(SIGNATURE_INVALID);
  const candidates = keysFor(signature, certificates);
  for (const cert of candidates) {
    const sig = new SignedXml({ publicCert: cert, getCertFromKeyInfo: () => null });
    restrictAlgorithms(sig);
    try {
      // xml-crypto types its nodes as the DOM library's; they are @xmldom/xmldom's, which it parses with.
      sig.loadSignature(signature as unknown as Parameters<SignedXml["loadSignature"]>[0]);
      if (sig.checkSignature(xml) !== true) continue;
    } catch {
      continue;
    }
    const references = sig.getReferences();
    const signed = sig.getSignedReferences();
    if (references.length !== 1 || references[0]?.uri !== `#${holderId}` || signed.length !== 1) {
      throw invalid(SIGNATURE_INVALID);
    }
    return signed[0] as string;
  }
  throw invalid(SIGNATURE_INVALID);
}

/**
 * The provider's certificates this signature may be checked with: the one its KeyInfo names (which
 * must be one of the provider's), or all of them when KeyInfo names none.
 */
function keysFor(signature: Element, certificates: readonly string[]): string[] {
  const keyInfo = onlyChild(signature, SAML_NS.dsig, "KeyInfo");
  const named: string[] = [];
  for (const data of keyInfo ? childElements(keyInfo, SAML_NS.dsig, "X509Data") : []) {
    for (const cert of childElements(data, SAML_NS.dsig, "X509Certificate")) named.push(textOf(cert));
  }
  if (named.length === 0) return [...certificates];
  const known = new Map(certificates.map((pem) => [new X509Certificate(pem).raw.toString("base64"), pem]));
  const out: string[] = [];
  for (const text of named) {
    const pem = known.get(text.replace(/\s+/g, ""));
    if (!pem) throw invalid(SIGNATURE_INVALID);
    out.push(pem);
  }
  return out;
}

function restrictAlgorithms(sig: SignedXml): void {
  sig.SignatureAlgorithms = pick(sig.SignatureAlgorithms, [RSA_SHA256, RSA_SHA512]);
  sig.HashAlgorithms = pick(sig.HashAlgorithms, [SHA256, SHA512]);
  sig.CanonicalizationAlgorithms = pick(sig.CanonicalizationAlgorithms, [EXC_C14N, ENVELOPED]);
}

function pick<T>(all: Record<string, T>, keys: readonly string[]): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of keys) if (all[k] !== undefined) out[k] = all[k];
  return out;
}

/** The assertion as signed: its own signed XML, or the one inside the signed Response. */
function trustedAssertion(
  signedAssertionXml: string | undefined,
  signedResponseXml: string | undefined,
): Element {
  if (signedAssertionXml !== undefined) {
    const e = parseSamlXml(signedAssertionXml)?.documentElement;
    if (!e || e.namespaceURI !== SAML_NS.assertion || e.localName !== "Assertion")
      throw invalid(SIGNATURE_INVALID);
    return e;
  }
  const response =
    signedResponseXml === undefined ? undefined : parseSamlXml(signedResponseXml)?.documentElement;
  const inside = response && onlyChild(response, SAML_NS.assertion, "Assertion");
  if (!inside) throw invalid(SIGNATURE_INVALID);
  return inside;
}

function assertSuccess(response: Element | undefined): void {
  const status = response && onlyChild(response, SAML_NS.protocol, "Status");
  const code = status && onlyChild(status, SAML_NS.protocol, "StatusCode");
  // AWS wording unconfirmed.
  if (code?.getAttribute("Value") !== SUCCESS)
    throw new IDPRejectedClaim("The identity provider did not report a successful authentication.");
}

function timeOf(e: Element | undefined, name: string): Date | undefined {
  const text = e?.getAttribute(name);
  if (text === undefined || text === null || text === "") return undefined;
  const t = new Date(text);
  if (Number.isNaN(t.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(text)) throw invalid();
  return t;
}

function readAssertion(assertion: Element, expected: SamlExpectations): VerifiedSamlAssertion {
  const now = expected.now.getTime();
  const issuerElement = onlyChild(assertion, SAML_NS.assertion, "Issuer");
  const issuer = issuerElement ? textOf(issuerElement).trim() : "";
  // AWS wording unconfirmed (AWS's troubleshooting guide words it so for its sign-in).
  if (issuer !== expected.entityId) throw invalid("Issuer not present in specified provider");

  const assertionId = assertion.getAttribute("ID") ?? "";
  const issueInstant = timeOf(assertion, "IssueInstant");
  if (assertionId === "" || !issueInstant) throw invalid();

  const subject = onlyChild(assertion, SAML_NS.assertion, "Subject");
  const nameIdElement = subject && onlyChild(subject, SAML_NS.assertion, "NameID");
  if (!subject || !nameIdElement) throw invalid();
  const nameId = textOf(nameIdElement);
  const nameIdFormat =
    nameIdElement.getAttribute("Format") || "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";

  // A bearer confirmation, addressed to one of our sign-in URLs, still valid.
  const confirmations = childElements(subject, SAML_NS.assertion, "SubjectConfirmation").filter(
    (c) => c.getAttribute("Method") === BEARER,
  );
  const data = confirmations.flatMap((c) => childElements(c, SAML_NS.assertion, "SubjectConfirmationData"));
  const addressed = data.find((d) => expected.recipients.includes(d.getAttribute("Recipient") ?? ""));
  // AWS wording unconfirmed.
  if (!addressed) throw invalid("Response does not contain the required recipient.");
  const recipient = addressed.getAttribute("Recipient") as string;

  const conditions = onlyChild(assertion, SAML_NS.assertion, "Conditions");
  const audiences = (
    conditions ? childElements(conditions, SAML_NS.assertion, "AudienceRestriction") : []
  ).map((r) => childElements(r, SAML_NS.assertion, "Audience").map((a) => textOf(a).trim()));
  // Every AudienceRestriction must name one of ours (SAML core 2.5.1.4); at least one must exist.
  if (
    audiences.length === 0 ||
    !audiences.every((list) => list.some((a) => expected.audiences.includes(a)))
  ) {
    throw invalid("Response does not contain the required audience.");
  }

  const notBefore = [timeOf(conditions, "NotBefore"), timeOf(addressed, "NotBefore")].filter(
    (t): t is Date => t !== undefined,
  );
  const notOnOrAfter = [timeOf(conditions, "NotOnOrAfter"), timeOf(addressed, "NotOnOrAfter")].filter(
    (t): t is Date => t !== undefined,
  );
  if (timeOf(addressed, "NotOnOrAfter") === undefined) throw invalid();
  // AWS wording unconfirmed for these three.
  if (notBefore.some((t) => now + SAML_CLOCK_SKEW_MS < t.getTime()))
    throw invalid("The SAML assertion is not yet valid.");
  if (issueInstant.getTime() > now + SAML_CLOCK_SKEW_MS)
    throw invalid("The SAML assertion is not yet valid.");
  const until = Math.min(
    ...notOnOrAfter.map((t) => t.getTime() + SAML_CLOCK_SKEW_MS),
    issueInstant.getTime() + SAML_REDEEM_WITHIN_MS + SAML_CLOCK_SKEW_MS,
  );
  if (now >= until) throw new ExpiredTokenException("The SAML assertion has expired.");

  const authn = childElements(assertion, SAML_NS.assertion, "AuthnStatement");
  const sessionNotOnOrAfter = authn.map((a) => timeOf(a, "SessionNotOnOrAfter")).find((t) => t !== undefined);

  const attributes = new Map<string, string[]>();
  for (const statement of childElements(assertion, SAML_NS.assertion, "AttributeStatement")) {
    for (const attribute of childElements(statement, SAML_NS.assertion, "Attribute")) {
      const name = attribute.getAttribute("Name") ?? "";
      const values = childElements(attribute, SAML_NS.assertion, "AttributeValue").map((v) =>
        textOf(v).trim(),
      );
      attributes.set(name, [...(attributes.get(name) ?? []), ...values]);
    }
  }
  return {
    assertionId,
    issuer,
    nameId,
    nameIdFormat,
    recipient,
    issueInstant,
    acceptableUntil: new Date(until),
    ...(sessionNotOnOrAfter ? { sessionNotOnOrAfter } : {}),
    attributes,
  };
}
