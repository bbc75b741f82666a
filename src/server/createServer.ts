// The composition root: opens the data folder, wires the pipeline's parts, and serves them over
// HTTP with Fastify. Routes: POST / and GET / (the Query API, header-signed or presigned) and
// GET /health. Fastify is kept to transport; everything AWS-shaped happens in AwsRequestHandler.

import http from "node:http";
import Fastify, { type FastifyInstance } from "fastify";
import pino, { type Logger } from "pino";
import { AuditBuffer } from "../audit/AuditBuffer.ts";
import { awsManagedPolicySource } from "../domain/awsManagedPolicyCatalog.ts";
import { RequestEntityTooLarge } from "../domain/errors/commonErrors.ts";
import { RouteNotFound } from "../domain/errors/transportErrors.ts";
import { iamModel } from "../generated/iam/iamModel.ts";
import { serializeErrorResponse } from "../protocol/serializeErrorResponse.ts";
import { AwsRequestHandler } from "./AwsRequestHandler.ts";
import { Authorizer } from "./authorization/Authorizer.ts";
import { PolicyResolver } from "./authorization/PolicyResolver.ts";
import { ChangeFeed } from "./ChangeFeed.ts";
import { CredentialResolver } from "./CredentialResolver.ts";
import { LastUsedTracker } from "./LastUsedTracker.ts";
import { type DataFolder, openDataFolder } from "./openDataFolder.ts";
import type { ServerConfig } from "./ServerConfig.ts";
import { COMMERCIAL_REGIONS } from "./signingRegions.ts";
import { answerClientError, DEFAULT_TRANSPORT_LIMITS, type TransportLimits } from "./transportLimits.ts";

/** CloudTrail's event history keeps 90 days; so does Portcullis by default. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 90;

/** Change-log entries are read within the staleness bound; an hour is ample for any straggler. */
const CHANGE_LOG_RETENTION_MS = 3_600_000;

/** AWS's Query API requests are small; a policy simulation with many policies is the largest. */
const BODY_LIMIT_BYTES = 1024 * 1024;

export interface PortcullisServer {
  app: FastifyInstance;
  data: DataFolder;
  log: Logger;
  /** Resolves to the URL once listening. */
  listen(): Promise<string>;
  /** Stops taking requests, flushes buffered audit records and closes the store. */
  close(): Promise<void>;
}

export async function createServer(config: ServerConfig, log?: Logger): Promise<PortcullisServer> {
  const logger = log ?? pino({ level: config.logLevel }, pino.destination({ sync: false }));
  const data = await openDataFolder(config);
  const { store, sealer } = data;

  // The store's own audit path writes a batch in one transaction: one fsync per flush.
  const audit = new AuditBuffer(store.audit, (err) => logger.error({ err }, "audit flush failed"));
  const lastUsed = new LastUsedTracker(store);
  const lastUsedTimer = setInterval(() => {
    lastUsed.flush().catch((err) => logger.error({ err }, "last-used flush failed"));
  }, 1000);
  lastUsedTimer.unref();

  // Retention: records older than the setting are pruned at start and every hour.
  const retentionDays = config.auditRetentionDays ?? DEFAULT_AUDIT_RETENTION_DAYS;
  const prune = () => {
    store.changeLog
      .prune(new Date(Date.now() - CHANGE_LOG_RETENTION_MS))
      .catch((err) => logger.error({ err }, "change log prune failed"));
    if (retentionDays === 0) return;
    store.audit
      .prune(new Date(Date.now() - retentionDays * 86_400_000))
      .catch((err) => logger.error({ err }, "audit prune failed"));
  };
  prune();
  const pruneTimer = setInterval(prune, 3_600_000);
  pruneTimer.unref();

  const policies = new PolicyResolver(awsManagedPolicySource);
  const credentials = new CredentialResolver(store, sealer);
  // Other workers' and nodes' changes reach this process's caches through the change log.
  const changes = new ChangeFeed(
    store,
    (changed) => {
      credentials.invalidate(changed);
      policies.invalidate(changed);
    },
    {
      ...(config.stalenessBoundMs !== undefined ? { stalenessBoundMs: config.stalenessBoundMs } : {}),
      onError: (err) => logger.error({ err }, "change log catch-up failed"),
    },
  );
  await changes.start();
  const handler = new AwsRequestHandler({
    store,
    sealer,
    changes,
    credentials,
    authorizer: new Authorizer(policies, sealer),
    policies,
    audit,
    lastUsed,
    log: logger,
    regions: { sts: new Set(config.stsRegions ?? COMMERCIAL_REGIONS) },
  });
  const refusalTimer = setInterval(() => handler.sweepRefusals(new Date()), 60_000);
  refusalTimer.unref();

  const limits: TransportLimits = { ...DEFAULT_TRANSPORT_LIMITS, ...config.transport };
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT_BYTES,
    return503OnClosing: true,
    // Fastify applies these to the server it is given; they must agree with the factory's.
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    maxRequestsPerSocket: limits.maxRequestsPerSocket,
    forceCloseConnections: "idle",
    clientErrorHandler: answerClientError,
    serverFactory: (handler) =>
      http.createServer(
        {
          // Node refuses a headers timeout longer than the request's.
          headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
          requestTimeout: limits.requestTimeoutMs,
          keepAliveTimeout: limits.keepAliveTimeoutMs,
          // Node enforces the two timeouts only when it checks, at this interval (default 30 s).
          connectionsCheckingInterval: limits.connectionsCheckingIntervalMs,
          maxHeaderSize: limits.maxHeaderSize,
        },
        handler,
      ),
  });
  app.removeAllContentTypeParsers();
  // SigV4 signs the body as received, so it is kept as raw bytes and parsed by the pipeline.
  app.addContentTypeParser("*", { parseAs: "buffer" }, (_req, body, done) => done(null, body));

  app.get("/health", async () => ({
    status: "ok",
    store: store.kind,
    pushedChanges: changes.pushing,
    // Which process answered: workers share the port, and tests tell them apart by it.
    pid: process.pid,
  }));

  const serve = async (request: import("fastify").FastifyRequest, reply: import("fastify").FastifyReply) => {
    const url = request.raw.url ?? "/";
    const q = url.indexOf("?");
    const result = await handler.handle({
      method: request.method,
      path: q === -1 ? url : url.slice(0, q),
      query: q === -1 ? "" : url.slice(q + 1),
      headers: request.headers,
      body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      sourceIp: request.ip,
    });
    reply.code(result.status).header("content-type", "text/xml").header("x-amzn-RequestId", result.requestId);
    return result.body;
  };
  app.post("/", serve);
  app.get("/", serve);

  app.setNotFoundHandler((_request, reply) => {
    const requestId = crypto.randomUUID();
    const error = new RouteNotFound();
    reply
      .code(error.httpStatus)
      .header("content-type", "text/xml")
      .header("x-amzn-RequestId", requestId)
      .send(serializeErrorResponse(error, requestId, iamModel.xmlNamespace));
  });

  app.setErrorHandler((err: { statusCode?: number }, _request, reply) => {
    const requestId = crypto.randomUUID();
    const error =
      err.statusCode === 413
        ? new RequestEntityTooLarge()
        : {
            code: "InvalidRequest",
            message: "The request could not be read.",
            fault: "Sender" as const,
            httpStatus: 400,
          };
    reply
      .code(error.httpStatus)
      .header("content-type", "text/xml")
      .header("x-amzn-RequestId", requestId)
      .send(serializeErrorResponse(error, requestId, iamModel.xmlNamespace));
  });

  return {
    app,
    data,
    log: logger,
    async listen() {
      await app.listen({ host: config.host, port: config.port });
      const address = app.server.address();
      const port = typeof address === "object" && address ? address.port : config.port;
      const host = config.host.includes(":") ? `[${config.host}]` : config.host;
      return `http://${host}:${port}`;
    },
    async close() {
      // New connections are refused at once and idle ones closed; requests in flight have the
      // grace to finish, then every connection still open (a half-sent body too) is closed.
      const force = setTimeout(() => app.server.closeAllConnections(), limits.shutdownGraceMs);
      await app.close();
      clearTimeout(force);
      clearInterval(lastUsedTimer);
      clearInterval(pruneTimer);
      clearInterval(refusalTimer);
      handler.sweepRefusals(new Date(), true);
      await changes.stop();
      await audit.close();
      await lastUsed.flush().catch((err) => logger.error({ err }, "last-used flush failed"));
      await store.close();
      logger.flush();
    },
  };
}
