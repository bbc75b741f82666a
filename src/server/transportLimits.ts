// The HTTP server's limits, and the refusals it makes before a request reaches the pipeline,
// written as AWS's ErrorResponse on the raw socket (Node would answer an empty 408 or 431, and
// a framework JSON). The numbers, stated in the README:
//   - header section: 16 KiB (Node's default), else 431;
//   - headers must arrive within 10 s, the whole request (body included) within 20 s, else 408;
//     Node checks both every second (connectionsCheckingInterval), so a stalled request is
//     answered and closed within 21 s;
//   - an idle keep-alive connection is closed after 5 s, and serves at most 1,000 requests.

import type { Socket } from "node:net";
import type { AwsError } from "../domain/errors/AwsError.ts";
import {
  MalformedHttpRequest,
  RequestHeaderSectionTooLarge,
  RequestTimeout,
} from "../domain/errors/transportErrors.ts";
import { iamModel } from "../generated/iam/iamModel.ts";
import { serializeErrorResponse } from "../protocol/serializeErrorResponse.ts";

export interface TransportLimits {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxRequestsPerSocket: number;
  connectionsCheckingIntervalMs: number;
  maxHeaderSize: number;
  /** On shutdown: how long in-flight requests may finish before every connection is closed. */
  shutdownGraceMs: number;
}

export const DEFAULT_TRANSPORT_LIMITS: TransportLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 20_000,
  keepAliveTimeoutMs: 5_000,
  maxRequestsPerSocket: 1_000,
  connectionsCheckingIntervalMs: 1_000,
  maxHeaderSize: 16 * 1024,
  shutdownGraceMs: 10_000,
};

const REASON: Record<number, string> = {
  400: "Bad Request",
  408: "Request Timeout",
  431: "Request Header Fields Too Large",
};

function errorOf(code: string | undefined): AwsError {
  if (code === "HPE_HEADER_OVERFLOW") return new RequestHeaderSectionTooLarge();
  if (code === "ERR_HTTP_REQUEST_TIMEOUT" || code === "ERR_HTTP_HEADERS_TIMEOUT") return new RequestTimeout();
  return new MalformedHttpRequest();
}

/** Answers a request Node could not take (the server's clientError handler), then closes the connection. */
export function answerClientError(err: { code?: string }, socket: Socket): void {
  if (err.code === "ECONNRESET" || err.code === "EPIPE" || !socket.writable) {
    socket.destroy();
    return;
  }
  const error = errorOf(err.code);
  const requestId = crypto.randomUUID();
  const body = serializeErrorResponse(error, requestId, iamModel.xmlNamespace);
  socket.end(
    `HTTP/1.1 ${error.httpStatus} ${REASON[error.httpStatus] ?? "Error"}\r\n` +
      "Content-Type: text/xml\r\n" +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      `x-amzn-RequestId: ${requestId}\r\n` +
      "Connection: close\r\n\r\n" +
      body,
  );
  // A peer that does not read its answer does not keep the socket: it is gone a second later.
  setTimeout(() => socket.destroy(), 1000).unref();
}
