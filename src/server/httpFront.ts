// The HTTP front: node:http with a small dispatch table, in place of a framework whose per-request
// hooks, content-type machinery and routing showed in the request path's profile. It reads the body
// as raw bytes (SigV4 signs them as received) up to the limit, answers the AWS Query API at `/`,
// and hands the other paths (`/health`, `/metrics`, `/console/…`) to their mounts. Every refusal
// made here is AWS's ErrorResponse, as in transportLimits.ts.

import http from "node:http";
import type { AwsError } from "../domain/errors/AwsError.ts";
import { RequestEntityTooLarge } from "../domain/errors/commonErrors.ts";
import { RouteNotFound } from "../domain/errors/transportErrors.ts";
import { iamModel } from "../generated/iam/iamModel.ts";
import { serializeErrorResponse } from "../protocol/serializeErrorResponse.ts";
import type { AwsRequest, AwsResponse } from "./AwsRequestHandler.ts";
import { ResponseCoalescer } from "./ResponseCoalescer.ts";
import { answerClientError, type TransportLimits } from "./transportLimits.ts";

/** A mounted handler: framework-neutral, given the request, its response and the body read so far. */
export type Mount = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  body: Buffer,
) => void | Promise<void>;

export interface HttpFrontOptions {
  limits: TransportLimits;
  bodyLimitBytes: number;
  /** The Query API, at `/` (GET for presigned requests, POST for the rest). */
  aws: (req: AwsRequest) => Promise<AwsResponse>;
  /** Exact paths (`/health`) and prefixes ending in `/` (`/console/`) served by their own handlers. */
  mounts: ReadonlyMap<string, Mount>;
  onError: (err: unknown) => void;
}

const READ_FAILED = {
  code: "InvalidRequest",
  message: "The request could not be read.",
  fault: "Sender" as const,
  httpStatus: 400,
};

export function sendError(
  res: http.ServerResponse,
  error: Pick<AwsError, "code" | "message" | "fault" | "httpStatus">,
): void {
  const requestId = crypto.randomUUID();
  const body = serializeErrorResponse(error, requestId, iamModel.xmlNamespace);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(error.httpStatus, {
    "content-type": "text/xml",
    "content-length": Buffer.byteLength(body),
    "x-amzn-RequestId": requestId,
  });
  res.end(body);
}

function findMount(mounts: ReadonlyMap<string, Mount>, path: string): Mount | undefined {
  const exact = mounts.get(path);
  if (exact) return exact;
  for (const [prefix, mount] of mounts) if (prefix.endsWith("/") && path.startsWith(prefix)) return mount;
  return undefined;
}

/** Reads the whole body, refusing one over the limit (by its Content-Length at once, else as it grows). */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | "too-large"> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > limit) return Promise.resolve("too-large");
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.resume();
        resolve("too-large");
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)));
    req.on("error", reject);
  });
}

export function createHttpFront(options: HttpFrontOptions): { server: http.Server; closing(): void } {
  const { limits, mounts } = options;
  let closing = false;
  const coalescer = new ResponseCoalescer(options.onError);

  const serveAws = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: Buffer,
    path: string,
    query: string,
  ) => {
    const result = await options.aws({
      method: req.method ?? "GET",
      path,
      query,
      headers: req.headers,
      body,
      sourceIp: req.socket.remoteAddress ?? "",
    });
    coalescer.hold(() => {
      if (res.destroyed) return;
      res.writeHead(result.status, {
        "content-type": "text/xml",
        "content-length": Buffer.byteLength(result.body),
        "x-amzn-RequestId": result.requestId,
      });
      res.end(result.body);
    });
  };

  const dispatch = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (closing) {
      // As a draining server should: refuse new work, and do not keep the connection.
      res.shouldKeepAlive = false;
      sendError(res, {
        code: "ServiceUnavailable",
        message: "The server is shutting down.", // AWS wording unconfirmed
        fault: "Receiver",
        httpStatus: 503,
      });
      return;
    }
    const url = req.url ?? "/";
    const q = url.indexOf("?");
    const path = q === -1 ? url : url.slice(0, q);
    const body = await readBody(req, options.bodyLimitBytes);
    if (body === "too-large") {
      res.shouldKeepAlive = false;
      sendError(res, new RequestEntityTooLarge());
      return;
    }
    if (path === "/" && (req.method === "POST" || req.method === "GET")) {
      await serveAws(req, res, body, path, q === -1 ? "" : url.slice(q + 1));
      return;
    }
    const mount = findMount(mounts, path);
    if (mount) await mount(req, res, body);
    else sendError(res, new RouteNotFound());
  };

  const server = http.createServer(
    {
      // Node refuses a headers timeout longer than the request's.
      headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node enforces the two timeouts only when it checks, at this interval (default 30 s).
      connectionsCheckingInterval: limits.connectionsCheckingIntervalMs,
      maxHeaderSize: limits.maxHeaderSize,
    },
    (req, res) => {
      dispatch(req, res).catch((err) => {
        options.onError(err);
        sendError(res, READ_FAILED);
      });
    },
  );
  server.maxRequestsPerSocket = limits.maxRequestsPerSocket;
  server.on("clientError", answerClientError);
  return {
    server,
    closing() {
      closing = true;
    },
  };
}
