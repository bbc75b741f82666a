// The composition root: opens the data folder, wires the pipeline's parts, and serves them over
// HTTP with node:http (httpFront.ts). Routes: POST / and GET / (the Query API, header-signed or
// presigned), GET /health, and whatever is mounted (the console under /console/). The front is
// kept to transport; everything AWS-shaped happens in AwsRequestHandler.

import { once } from "node:events";
import type http from "node:http";
import pino, { type Logger } from "pino";
import { AuditQueue } from "../audit/AuditQueue.ts";
import { createConsoleHandler } from "../console/createConsoleHandler.ts";
import type { AuditEvent } from "../domain/AuditEvent.ts";
import { awsManagedPolicySource } from "../domain/awsManagedPolicyCatalog.ts";
import { mfaCodeEvents } from "../operations/mfa/mfaCodeEvents.ts";
import { type AwsRequest, AwsRequestHandler, type AwsResponse } from "./AwsRequestHandler.ts";
import { Authorizer } from "./authorization/Authorizer.ts";
import { PolicyResolver } from "./authorization/PolicyResolver.ts";
import { ChangeFeed } from "./ChangeFeed.ts";
import { ConsoleSessionVault } from "./ConsoleSessionVault.ts";
import { ConsoleSignIn } from "./ConsoleSignIn.ts";
import { CredentialResolver } from "./CredentialResolver.ts";
import { CachedReads } from "./caches/CachedReads.ts";
import { HttpOidcKeySource } from "./federation/HttpOidcKeySource.ts";
import { createHttpFront, type Mount } from "./httpFront.ts";
import { LastUsedTracker } from "./LastUsedTracker.ts";
import { ServerMetrics } from "./metrics/ServerMetrics.ts";
import { type DataFolder, openDataFolder } from "./openDataFolder.ts";
import type { ServerConfig } from "./ServerConfig.ts";
import { COMMERCIAL_REGIONS } from "./signingRegions.ts";
import { DEFAULT_TRANSPORT_LIMITS, type TransportLimits } from "./transportLimits.ts";

/** CloudTrail's event history keeps 90 days; so does Portcullis by default. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 90;

/** Change-log entries are read within the staleness bound; an hour is ample for any straggler. */
const CHANGE_LOG_RETENTION_MS = 3_600_000;

/** AWS's Query API requests are small; a policy simulation with many policies is the largest. */
const BODY_LIMIT_BYTES = 1024 * 1024;

export interface PortcullisServer {
  http: http.Server;
  data: DataFolder;
  log: Logger;
  /** The AWS Query endpoint's pipeline without HTTP: for in-process callers (the pipeline benchmark). */
  handle(req: AwsRequest): Promise<AwsResponse>;
  /** Serves `path` (exact, or every path under it when it ends in `/`) with its own handler. */
  mount(path: string, handle: Mount): void;
  /** Resolves to the URL once listening. */
  listen(): Promise<string>;
  /** Stops taking requests, flushes buffered audit records and closes the store. */
  close(): Promise<void>;
}

export async function createServer(config: ServerConfig, log?: Logger): Promise<PortcullisServer> {
  const logger = log ?? pino({ level: config.logLevel }, pino.destination({ sync: false }));
  const data = await openDataFolder(config);
  const { store, sealer } = data;

  // Reads' and refusals' records go to a background writer where the store has one (SQLite: a
  // worker thread, which also runs the WAL checkpoints); else to the store's own batch append.
  const writer = store.audit.openBackgroundWriter?.() ?? {
    append: (events: readonly AuditEvent[]) => store.audit.append(events),
    close: async () => undefined,
  };
  const audit = new AuditQueue(
    writer,
    (err) => logger.error({ err }, "audit flush failed"),
    config.auditQueue,
  );
  const lastUsed = new LastUsedTracker(store, writer);
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
  const reads = new CachedReads(store);
  const credentials = new CredentialResolver(store, sealer);
  const metrics = new ServerMetrics({
    audit,
    caches: { ...credentials.caches, ...policies.caches, users: reads.users, userTags: reads.tags },
  });
  const stopMfaEvents = mfaCodeEvents.listen({
    failure: () => metrics.mfaCodeFailed(),
    throttled: (scope) => metrics.mfaCodeThrottled(scope),
  });
  // Other workers' and nodes' changes reach this process's caches through the change log.
  const changes = new ChangeFeed(
    store,
    (changed) => {
      credentials.invalidate(changed);
      policies.invalidate(changed);
      reads.invalidate(changed);
    },
    {
      ...(config.stalenessBoundMs !== undefined ? { stalenessBoundMs: config.stalenessBoundMs } : {}),
      onError: (err) => logger.error({ err }, "change log catch-up failed"),
    },
  );
  await changes.start();
  const handler = new AwsRequestHandler({
    store: reads.store,
    reads,
    metrics,
    sealer,
    changes,
    credentials,
    authorizer: new Authorizer(policies, sealer),
    policies,
    audit,
    lastUsed,
    log: logger,
    regions: { sts: new Set(config.stsRegions ?? COMMERCIAL_REGIONS) },
    federation: {
      oidc: {
        keys: new HttpOidcKeySource({
          allowHttpLoopback: config.allowHttpOidcIssuers ?? false,
          ...config.oidcKeys,
        }),
        allowHttpLoopbackIssuers: config.allowHttpOidcIssuers ?? false,
      },
      saml: { audiences: config.samlAudiences ?? [] },
    },
  });
  const refusalTimer = setInterval(() => handler.sweepRefusals(new Date()), 60_000);
  refusalTimer.unref();

  const limits: TransportLimits = { ...DEFAULT_TRANSPORT_LIMITS, ...config.transport };
  const mounts = new Map<string, Mount>();
  mounts.set("/health", (_req, res) => {
    const body = JSON.stringify({
      status: "ok",
      store: store.kind,
      pushedChanges: changes.pushing,
      // Which process answered: workers share the port, and tests tell them apart by it.
      pid: process.pid,
    });
    res.writeHead(200, {
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(body),
    });
    res.end(body);
  });
  // Unauthenticated, like /health: an operator's scraper reads it (the README says so).
  mounts.set("/metrics", async (_req, res) => {
    const body = await metrics.registry.metrics();
    res.writeHead(200, {
      "content-type": metrics.registry.contentType,
      "content-length": Buffer.byteLength(body),
    });
    res.end(body);
  });
  // The web console: a framework-neutral handler, a client of the same pipeline.
  const consoleHandler = createConsoleHandler({
    api: handler,
    signIn: new ConsoleSignIn({ store, sealer, audit }),
    sessions: new ConsoleSessionVault(store, sealer),
    log: (err) => logger.error({ err }, "console failure"),
  });
  mounts.set("/console", consoleHandler);
  mounts.set("/console/", consoleHandler);
  const front = createHttpFront({
    limits,
    bodyLimitBytes: BODY_LIMIT_BYTES,
    aws: (req) => handler.handle(req),
    mounts,
    onError: (err) => logger.error({ err }, "request could not be served"),
  });
  const server = front.server;

  return {
    http: server,
    data,
    log: logger,
    handle: (req) => handler.handle(req),
    mount(path, handle) {
      mounts.set(path, handle);
    },
    async listen() {
      server.listen(config.port, config.host);
      await once(server, "listening");
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : config.port;
      const host = config.host.includes(":") ? `[${config.host}]` : config.host;
      return `http://${host}:${port}`;
    },
    async close() {
      // New connections are refused at once and idle ones closed; requests in flight have the
      // grace to finish, then every connection still open (a half-sent body too) is closed.
      front.closing();
      const closed = server.listening ? new Promise((resolve) => server.close(resolve)) : Promise.resolve();
      server.closeIdleConnections();
      const force = setTimeout(() => server.closeAllConnections(), limits.shutdownGraceMs);
      await closed;
      clearTimeout(force);
      clearInterval(lastUsedTimer);
      clearInterval(pruneTimer);
      clearInterval(refusalTimer);
      stopMfaEvents();
      handler.sweepRefusals(new Date(), true);
      await changes.stop();
      // Before the audit writer closes: where it has its own connection, it writes these too.
      await lastUsed.flush().catch((err) => logger.error({ err }, "last-used flush failed"));
      await audit.close();
      await store.close();
      logger.flush();
    },
  };
}
