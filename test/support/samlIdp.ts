// A SAML identity provider for tests: its own RSA key and self-signed certificate (made with
// openssl at test time), its metadata document, and SAML Responses signed with xml-crypto as
// real IdPs sign them — the assertion, the response, or neither — with every field a test may
// want to get wrong open to override.

import { execFile, execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { SignedXml } from "xml-crypto";

export const SIGN_IN_URL = "https://signin.aws.amazon.com/saml";
const RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
const EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
const ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";
const SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";

export interface KeyPair {
  keyPem: string;
  certPem: string;
}

/** True when openssl is on the PATH (the IdP needs it to make its certificate). */
export function hasOpenssl(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** A fresh RSA key and self-signed certificate; asynchronous, so a server in this process keeps answering. */
export async function makeKeyPair(commonName: string): Promise<KeyPair> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-idp-"));
  try {
    const keyFile = path.join(dir, "key.pem");
    const certFile = path.join(dir, "cert.pem");
    await promisify(execFile)(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        keyFile,
        "-out",
        certFile,
        "-days",
        "2",
      ].concat(["-subj", `/CN=${commonName}`]),
    );
    return { keyPem: fs.readFileSync(keyFile, "utf8"), certPem: fs.readFileSync(certFile, "utf8") };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function certBody(certPem: string): string {
  return certPem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
}

export interface AssertionOptions {
  nameId?: string;
  nameIdFormat?: string;
  /** "roleArn,providerArn" values of the Role attribute. */
  roles?: string[];
  sessionName?: string | null;
  audience?: string;
  recipient?: string;
  issuer?: string;
  issueInstant?: Date;
  notBefore?: Date;
  notOnOrAfter?: Date;
  assertionId?: string;
  /** Further attributes by name. */
  attributes?: Record<string, string[]>;
  /** What is signed: the assertion (default), the response, both, or nothing. */
  sign?: "assertion" | "response" | "both" | "none";
  /** Sign with this key instead of the IdP's own (its certificate goes in KeyInfo). */
  signer?: KeyPair;
  /** The Response's StatusCode (SAML's Success unless given). */
  status?: string;
  /** The AuthnStatement's SessionNotOnOrAfter, when given. */
  sessionNotOnOrAfter?: Date;
  /** Edits the signed XML before it is encoded: the attacker's chance. */
  tamper?: (xml: string) => string;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export class TestSamlIdp {
  private constructor(
    readonly entityId: string,
    readonly keys: KeyPair,
  ) {}

  static async create(entityId: string): Promise<TestSamlIdp> {
    return new TestSamlIdp(entityId, await makeKeyPair("portcullis-test-idp"));
  }

  metadata(): string {
    return [
      `<?xml version="1.0"?>`,
      `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="${escapeXml(this.entityId)}">`,
      `<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">`,
      `<md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">`,
      `<ds:X509Data><ds:X509Certificate>${certBody(this.keys.certPem)}</ds:X509Certificate></ds:X509Data>`,
      `</ds:KeyInfo></md:KeyDescriptor>`,
      `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/>`,
      `</md:IDPSSODescriptor>`,
      `</md:EntityDescriptor>`,
    ].join("");
  }

  /** The assertion's XML alone, unsigned. */
  assertionXml(o: AssertionOptions = {}, now = new Date()): string {
    const issueInstant = (o.issueInstant ?? now).toISOString();
    const notBefore = (o.notBefore ?? new Date(now.getTime() - 60_000)).toISOString();
    const notOnOrAfter = (o.notOnOrAfter ?? new Date(now.getTime() + 300_000)).toISOString();
    const attributes: Record<string, string[]> = {
      ...(o.roles ? { "https://aws.amazon.com/SAML/Attributes/Role": o.roles } : {}),
      ...(o.sessionName !== null
        ? { "https://aws.amazon.com/SAML/Attributes/RoleSessionName": [o.sessionName ?? "alice"] }
        : {}),
      ...o.attributes,
    };
    const attributeXml = Object.entries(attributes)
      .map(
        ([name, values]) =>
          `<saml:Attribute Name="${escapeXml(name)}">${values
            .map((v) => `<saml:AttributeValue>${escapeXml(v)}</saml:AttributeValue>`)
            .join("")}</saml:Attribute>`,
      )
      .join("");
    return [
      `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${o.assertionId ?? `_${randomUUID()}`}" Version="2.0" IssueInstant="${issueInstant}">`,
      `<saml:Issuer>${escapeXml(o.issuer ?? this.entityId)}</saml:Issuer>`,
      `<saml:Subject><saml:NameID Format="${o.nameIdFormat ?? "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"}">${escapeXml(o.nameId ?? "alice@example.com")}</saml:NameID>`,
      `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${notOnOrAfter}" Recipient="${escapeXml(o.recipient ?? SIGN_IN_URL)}"/></saml:SubjectConfirmation>`,
      `</saml:Subject>`,
      `<saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}"><saml:AudienceRestriction><saml:Audience>${escapeXml(o.audience ?? SIGN_IN_URL)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>`,
      `<saml:AuthnStatement AuthnInstant="${issueInstant}"${o.sessionNotOnOrAfter ? ` SessionNotOnOrAfter="${o.sessionNotOnOrAfter.toISOString()}"` : ""}><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`,
      `<saml:AttributeStatement>${attributeXml}</saml:AttributeStatement>`,
      `</saml:Assertion>`,
    ].join("");
  }

  /** A signed SAML Response around `assertion` (or a fresh one), as XML. */
  responseXml(o: AssertionOptions = {}, now = new Date(), assertion = this.assertionXml(o, now)): string {
    const sign = o.sign ?? "assertion";
    const keys = o.signer ?? this.keys;
    const signedAssertion =
      sign === "assertion" || sign === "both" ? signElement(assertion, "Assertion", keys) : assertion;
    let xml = [
      `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_${randomUUID()}" Version="2.0" IssueInstant="${(o.issueInstant ?? now).toISOString()}" Destination="${escapeXml(o.recipient ?? SIGN_IN_URL)}">`,
      `<saml:Issuer>${escapeXml(o.issuer ?? this.entityId)}</saml:Issuer>`,
      `<samlp:Status><samlp:StatusCode Value="${o.status ?? "urn:oasis:names:tc:SAML:2.0:status:Success"}"/></samlp:Status>`,
      signedAssertion,
      `</samlp:Response>`,
    ].join("");
    if (sign === "response" || sign === "both") xml = signElement(xml, "Response", keys);
    return o.tamper ? o.tamper(xml) : xml;
  }

  /** The base64 SAMLAssertion parameter AssumeRoleWithSAML takes. */
  response(o: AssertionOptions = {}, now = new Date()): string {
    return Buffer.from(this.responseXml(o, now)).toString("base64");
  }
}

/** Signs the first element with this local name, enveloped, with the signature after its Issuer. */
export function signElement(xml: string, localName: string, keys: KeyPair): string {
  const sig = new SignedXml({
    privateKey: keys.keyPem,
    publicCert: keys.certPem,
    signatureAlgorithm: RSA_SHA256,
    canonicalizationAlgorithm: EXC_C14N,
  });
  const xpath = `//*[local-name(.)='${localName}']`;
  sig.addReference({ xpath, transforms: [ENVELOPED, EXC_C14N], digestAlgorithm: SHA256 });
  sig.computeSignature(xml, {
    location: { reference: `${xpath}/*[local-name(.)='Issuer']`, action: "after" },
  });
  return sig.getSignedXml();
}
