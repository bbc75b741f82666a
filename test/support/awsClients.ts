// Real AWS SDK v3 clients pointed at a test server, and a raw SigV4-signed request for what the
// SDK refuses to send (unknown actions, missing parameters).

import http from "node:http";
import { IAMClient } from "@aws-sdk/client-iam";
import { STSClient } from "@aws-sdk/client-sts";
import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * Keep-alive sockets closed by the client after 4 s idle, before the server's 5 s keep-alive
 * timeout (which it announces in `Keep-Alive: timeout=5`, a hint Node's agent does not act on):
 * else a request can go out on a socket the server is closing at that moment and fail with
 * ECONNRESET, a race real SDKs hide by retrying and these clients (one attempt) would show.
 */
const IDLE_SOCKET_MS = 4000;

const common = (url: string, credentials: Credentials, extra: Record<string, unknown>) => ({
  endpoint: url,
  region: "us-east-1",
  credentials,
  maxAttempts: 1,
  requestHandler: { httpAgent: new http.Agent({ keepAlive: true, maxSockets: 50, timeout: IDLE_SOCKET_MS }) },
  ...extra,
});

export function iamClient(
  url: string,
  credentials: Credentials,
  extra: Record<string, unknown> = {},
): IAMClient {
  return new IAMClient(common(url, credentials, extra));
}

export function stsClient(
  url: string,
  credentials: Credentials,
  extra: Record<string, unknown> = {},
): STSClient {
  return new STSClient(common(url, credentials, extra));
}

export interface RawResponse {
  status: number;
  body: string;
  headers: Headers;
}

/** A form-encoded Query request signed with SigV4 by an independent signer: its headers. */
export async function signQuery(
  url: string,
  credentials: Credentials,
  service: "iam" | "sts",
  body: string,
  options: { signingDate?: Date; region?: string } = {},
): Promise<Record<string, string>> {
  const target = new URL(url);
  const request = new HttpRequest({
    method: "POST",
    protocol: "http:",
    hostname: target.hostname,
    port: Number(target.port),
    path: "/",
    headers: { host: target.host, "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
    body,
  });
  const signer = new SignatureV4({
    credentials,
    region: options.region ?? "us-east-1",
    service,
    sha256: Hash.bind(null, "sha256"),
  });
  const signed = await signer.sign(request, options.signingDate ? { signingDate: options.signingDate } : {});
  return signed.headers as Record<string, string>;
}

/** Sends a form-encoded Query request signed with SigV4 by an independent signer. */
export async function signedQuery(
  url: string,
  credentials: Credentials,
  service: "iam" | "sts",
  form: Record<string, string>,
  options: { signingDate?: Date; region?: string; body?: string } = {},
): Promise<RawResponse> {
  const body = options.body ?? new URLSearchParams(form).toString();
  const headers = await signQuery(url, credentials, service, body, {
    ...(options.signingDate ? { signingDate: options.signingDate } : {}),
    ...(options.region ? { region: options.region } : {}),
  });
  const response = await fetch(url, { method: "POST", headers, body });
  return { status: response.status, body: await response.text(), headers: response.headers };
}

/** RFC 3986 encoding, as the AWS SDKs put a query string on the wire (a space is %20, '+' is %2B). */
export function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** A presigned GET URL (SigV4 query form) for these parameters, by an independent signer. */
export async function presignedUrl(
  url: string,
  credentials: Credentials,
  service: "iam" | "sts",
  query: Record<string, string | string[]>,
  options: { region?: string } = {},
): Promise<string> {
  const target = new URL(url);
  const signer = new SignatureV4({
    credentials,
    region: options.region ?? "us-east-1",
    service,
    sha256: Hash.bind(null, "sha256"),
  });
  const presigned = await signer.presign(
    new HttpRequest({
      method: "GET",
      protocol: "http:",
      hostname: target.hostname,
      port: Number(target.port),
      path: "/",
      headers: { host: target.host },
      query,
    }),
    { expiresIn: 300 },
  );
  const parts: string[] = [];
  for (const [name, value] of Object.entries(presigned.query ?? {})) {
    for (const v of Array.isArray(value) ? value : [value ?? ""])
      parts.push(`${encodeRfc3986(name)}=${encodeRfc3986(v)}`);
  }
  return `${url}/?${parts.join("&")}`;
}

/** The `<Code>` of an ErrorResponse body. */
export function errorCode(body: string): string | undefined {
  return /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
}
