// Differential test of response shapes: replays happyPaths.json (one step per implemented
// operation; some twice, in another state) against a real server through the AWS SDK v3 (each step's flat Query form becomes the
// input of the SDK command of that name; the raw XML is read before the SDK parses it), and
// compares the set of XML element paths of each answer with the set in AWS's documented example response
// (documentedResponses.json). No element the documentation never shows may appear; each
// documented element must appear unless the data marks it optional (the happy path has no data
// for it), and an element the data lists as `present` must appear even when it is empty. Operations AWS documents no example for are listed there with the reason. The two
// token-authenticated calls get a token from a loopback OIDC issuer and an assertion from a test
// SAML IdP (the SDK sends those two unsigned, as AWS expects); without openssl the IdP cannot
// make its certificate, and the SAML steps say skipped.

import assert from "node:assert/strict";
import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { IAMClient } from "@aws-sdk/client-iam";
import type { STSClient } from "@aws-sdk/client-sts";
import { DOMParser, type Element } from "@xmldom/xmldom";
import * as OTPAuth from "otpauth";
import { encodeAuthorizationMessage } from "../../src/auth/session/AuthorizationMessage.ts";
import { operationRegistry } from "../../src/operations/operationRegistry.ts";
import { sampleAuthorizationMessage } from "../support/authorizationMessages.ts";
import { type Credentials, iamClient, stsClient } from "../support/awsClients.ts";
import { selfSigned } from "../support/certificates.ts";
import { startTestIssuer, type TestIssuer } from "../support/oidcIssuer.ts";
import { hasOpenssl, TestSamlIdp } from "../support/samlIdp.ts";
import { sendAsQuery } from "../support/sdkQuery.ts";
import { ROOT_KEY, startTestServer, TEST_ACCOUNT_ID, type TestServer } from "../support/startTestServer.ts";

interface Documented {
  source?: string;
  elements?: string[];
  optional?: string[];
  /** Elements AWS sends even when they hold nothing (an empty list). */
  present?: string[];
  noExample?: string;
}
interface Step {
  request: Record<string, string>;
  service?: "iam" | "sts";
  as?: string;
  retryWhile?: string;
  /** A token-authenticated call: the SDK sends it without a signature. */
  unsigned?: boolean;
}

const here = import.meta.dirname;
const documented = (
  JSON.parse(fs.readFileSync(join(here, "documentedResponses.json"), "utf8")) as {
    operations: Record<string, Documented>;
  }
).operations;
const { steps } = JSON.parse(fs.readFileSync(join(here, "happyPaths.json"), "utf8")) as { steps: Step[] };

const NO_OPENSSL = hasOpenssl()
  ? false
  : "openssl is not installed: the test SAML IdP cannot make its certificate";

/** Every element path below the root, ResponseMetadata left out; text values by element name. */
function elementPaths(xml: string): { paths: Set<string>; values: Map<string, string> } {
  const root = new DOMParser().parseFromString(xml, "text/xml").documentElement;
  const paths = new Set<string>();
  const values = new Map<string, string>();
  const walk = (el: Element, prefix: string) => {
    let children = 0;
    for (let n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType !== 1) continue;
      const child = n as Element;
      if (prefix === "" && child.tagName === "ResponseMetadata") continue;
      children++;
      const path = prefix === "" ? child.tagName : `${prefix}/${child.tagName}`;
      paths.add(path);
      walk(child, path);
    }
    if (children === 0 && prefix !== "") values.set(el.tagName, el.textContent ?? "");
  };
  if (root) walk(root, "");
  return { paths, values };
}

/** A path and all its ancestors. */
function withAncestors(paths: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const p of paths) {
    const parts = p.split("/");
    for (let i = 1; i <= parts.length; i++) out.add(parts.slice(0, i).join("/"));
  }
  return out;
}

describe("responses match AWS's documented examples", () => {
  let server: TestServer;
  const captured = new Map<string, string>();
  const users = new Map<string, Credentials>();
  let certificate = "";
  let issuer: TestIssuer;
  let idp: TestSamlIdp | undefined;
  // Signed up front: `fill` is synchronous, and the whole replay takes far less than its 10 minutes.
  let webIdentityToken = "";
  before(async () => {
    issuer = await startTestIssuer();
    server = await startTestServer({ config: { allowHttpOidcIssuers: true } });
    certificate = await selfSigned("fidelity");
    webIdentityToken = await issuer.sign();
    if (!NO_OPENSSL) idp = await TestSamlIdp.create("https://idp.example.com/metadata");
  });
  const clients = new Map<string, IAMClient | STSClient>();
  const clientFor = (service: "iam" | "sts", credentials: Credentials) => {
    const key = `${service} ${credentials.accessKeyId}`;
    let client = clients.get(key);
    if (!client) {
      client = (service === "sts" ? stsClient : iamClient)(server.url, credentials);
      clients.set(key, client);
    }
    return client;
  };
  after(async () => {
    for (const client of clients.values()) client.destroy();
    await server?.stop();
    await issuer?.stop();
  });

  test("every implemented operation has documented data and a step", () => {
    const implemented = [...operationRegistry.iam.keys(), ...operationRegistry.sts.keys()].sort();
    const replayed = new Set(steps.map((s) => s.request.Action));
    for (const name of implemented) {
      assert.ok(documented[name], `${name} has no entry in documentedResponses.json`);
      if (!documented[name]?.noExample)
        assert.ok(replayed.has(name), `${name} has no step in happyPaths.json`);
    }
  });

  for (const name of Object.keys(documented).filter((n) => documented[n]?.noExample)) {
    test(`${name}: skipped`, {
      skip: `AWS documents no example response: ${documented[name]?.noExample}`,
    }, () => {});
  }

  const fill = (value: string): string =>
    value.replace(/\{\{([^}]+)\}\}/g, (_, key: string) => {
      if (key.startsWith("totp:")) {
        const seed = captured.get("Base32StringSeed") ?? "";
        const totp = new OTPAuth.TOTP({
          secret: OTPAuth.Secret.fromBase32(Buffer.from(seed, "base64").toString("ascii")),
        });
        return totp.generate({ timestamp: Date.now() + Number(key.slice(5)) * 30_000 });
      }
      if (key === "sshPublicKey") {
        return generateKeyPairSync("rsa", { modulusLength: 2048 })
          .publicKey.export({ type: "spki", format: "pem" })
          .toString();
      }
      if (key === "certificate") return certificate;
      if (key === "oidcIssuerUrl") return issuer.url;
      if (key === "webIdentityToken") return webIdentityToken;
      if (key === "samlMetadata" || key.startsWith("samlAssertion:")) {
        assert.ok(idp, "no test SAML IdP");
        return key === "samlMetadata"
          ? idp.metadata()
          : idp.response({ roles: [key.slice("samlAssertion:".length)] });
      }
      if (key.startsWith("accessKey:")) {
        const id = users.get(key.slice("accessKey:".length))?.accessKeyId;
        assert.ok(id, `no access key created for ${key}`);
        return id;
      }
      if (key === "encodedMessage") {
        return encodeAuthorizationMessage(
          TEST_ACCOUNT_ID,
          sampleAuthorizationMessage(),
          server.server.data.sealer,
        );
      }
      const v = captured.get(key);
      assert.ok(v !== undefined, `no earlier response held ${key}`);
      return v;
    });

  for (const step of steps) {
    const name = step.request.Action ?? "";
    test(name, { skip: name.includes("SAML") && NO_OPENSSL }, async () => {
      const doc = documented[name];
      assert.ok(doc && !doc.noExample, `${name} has no documented example`);
      const service = step.service ?? "iam";
      const form: Record<string, string> = {};
      for (const [k, v] of Object.entries(step.request)) form[k] = fill(v);
      const credentials = step.as ? users.get(step.as) : ROOT_KEY;
      assert.ok(credentials, `no access key captured for ${step.as}`);
      const client = clientFor(service, credentials);
      const send = () => sendAsQuery(client, form);
      let res = await send();
      for (let i = 0; step.retryWhile && res.body.includes(step.retryWhile) && i < 50; i++) {
        await new Promise((r) => setTimeout(r, 100));
        res = await send();
      }
      assert.equal(res.status, 200, res.body);
      const { paths, values } = elementPaths(res.body);
      for (const [k, v] of values) captured.set(k, v);
      if (name === "CreateAccessKey") {
        users.set(form.UserName ?? "", {
          accessKeyId: values.get("AccessKeyId") ?? "",
          secretAccessKey: values.get("SecretAccessKey") ?? "",
        });
      }
      const allowed = withAncestors(doc.elements ?? []);
      const optional = withAncestors(doc.optional ?? []);
      const undocumented = [...paths].filter((p) => !allowed.has(p));
      assert.deepEqual(undocumented, [], `${name} answers elements AWS's example never shows`);
      const missing = [...withAncestors(doc.elements ?? [])].filter(
        (p) => !paths.has(p) && !optional.has(p) && ![...optional].some((o) => o.startsWith(`${p}/`)),
      );
      assert.deepEqual(missing, [], `${name} lacks documented elements`);
      const absent = (doc.present ?? []).filter((p) => !paths.has(p));
      assert.deepEqual(absent, [], `${name} leaves out elements AWS sends even when empty`);
    });
  }
});
