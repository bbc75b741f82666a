// A pool of distinct SigV4-signed requests, made at run time: each carries its own signed nonce
// header, so no two are byte-identical and a server cannot answer one from a replay cache. Signed
// just before a run; SigV4's 15-minute clock-skew window is far longer than any run.

import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";

export interface PreparedRequest {
  method: string;
  headers: Record<string, string>;
  body: string;
}

export interface SigningKey {
  accessKeyId: string;
  secretAccessKey: string;
}

export async function signedPool(
  url: string,
  options: { service: "iam" | "sts"; body: string; keys: readonly SigningKey[]; size: number },
): Promise<PreparedRequest[]> {
  const target = new URL(url);
  const signers = options.keys.map(
    (credentials) =>
      new SignatureV4({
        credentials,
        region: "us-east-1",
        service: options.service,
        sha256: Hash.bind(null, "sha256"),
      }),
  );
  const pool: PreparedRequest[] = [];
  for (let i = 0; i < options.size; i++) {
    const signer = signers[i % signers.length] as SignatureV4;
    const signed = await signer.sign(
      new HttpRequest({
        method: "POST",
        protocol: "http:",
        hostname: target.hostname,
        port: Number(target.port),
        path: "/",
        headers: {
          host: target.host,
          "content-type": "application/x-www-form-urlencoded; charset=utf-8",
          "x-amz-bench-nonce": String(i),
        },
        body: options.body,
      }),
    );
    pool.push({ method: "POST", headers: signed.headers as Record<string, string>, body: options.body });
  }
  return pool;
}

/** One request as HTTP/1.1 bytes on the wire (keep-alive, with its length). */
export function rawRequest(target: URL, request: PreparedRequest): string {
  const headers: Record<string, string> = {
    ...request.headers,
    host: target.host,
    "content-length": String(Buffer.byteLength(request.body)),
  };
  const head = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("");
  return `${request.method} / HTTP/1.1\r\n${head}\r\n${request.body}`;
}
