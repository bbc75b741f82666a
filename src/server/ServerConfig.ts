// The server's settings: command-line flags override environment variables, which override the
// defaults. Every value is checked here, at start-up, so a bad one is a clear message, not a
// crash later.

import os from "node:os";
import path from "node:path";
import type { AuditQueueOptions } from "../audit/AuditQueue.ts";
import { ACCOUNT_ID_PATTERN } from "../domain/Account.ts";
import { POSTGRES_URL } from "../store/openStore.ts";
import { REGION_NAME } from "./signingRegions.ts";
import type { TransportLimits } from "./transportLimits.ts";

export interface ServerConfig {
  host: string;
  port: number;
  dataDir: string;
  /** A postgres:// URL: the shared store of several nodes. Absent: the data folder's SQLite file. */
  databaseUrl?: string;
  accountId: string;
  rootAccessKeyId?: string;
  rootSecretAccessKey?: string;
  /** 64 hex characters or base64 of 32 bytes; absent: a key file in the data folder. */
  masterKey?: string;
  logLevel: string;
  /** Regions STS requests may be signed for; absent: AWS's commercial regions. IAM: us-east-1 only. */
  stsRegions?: readonly string[];
  /** Timeouts, keep-alive and shutdown grace; absent members take DEFAULT_TRANSPORT_LIMITS. */
  transport?: Partial<TransportLimits>;
  /** Audit records older than this many days are pruned; 0 keeps them forever. Default 90. */
  auditRetentionDays?: number;
  /** Accept `http://` OIDC issuers on loopback hosts (tests, a local IdP); AWS requires https. */
  allowHttpOidcIssuers?: boolean;
  /** How OIDC signing keys are fetched and cached; absent members take HttpOidcKeySource's defaults. */
  oidcKeys?: { timeoutMs?: number; ttlMs?: number; cooldownMs?: number };
  /** Sign-in URLs accepted as SAML Audience and Recipient besides AWS's (a self-hosted sign-in page). */
  samlAudiences?: readonly string[];
  /** The queue of reads' and refusals' audit records: batch size, capacity, wait when full. */
  auditQueue?: AuditQueueOptions;
  /** With pushed changes (PostgreSQL): how old a cache may be before a request re-reads the log. */
  stalenessBoundMs?: number;
  /** Worker processes on the one port (`serve --workers`; resolved: the number of cores). */
  workers?: number;
}

export class ConfigError extends Error {}

export interface ConfigFlags {
  host?: string;
  port?: string;
  data?: string;
  database?: string;
  workers?: string;
  logLevel?: string;
  stsRegions?: string;
  auditRetentionDays?: string;
  allowHttpOidcIssuers?: boolean;
  samlAudience?: string;
}

/** `--database` / PORTCULLIS_DATABASE_URL, checked: only PostgreSQL URLs name a shared store. */
export function resolveDatabaseUrl(flags: { database?: string }, env: NodeJS.ProcessEnv): string | undefined {
  const url = flags.database ?? (env.PORTCULLIS_DATABASE_URL || undefined);
  if (url !== undefined && !POSTGRES_URL.test(url))
    throw new ConfigError(
      "--database: give a postgres:// URL (or omit it for the data folder's SQLite file)",
    );
  return url;
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

export function resolveServerConfig(flags: ConfigFlags, env: NodeJS.ProcessEnv): ServerConfig {
  const host = flags.host ?? env.PORTCULLIS_HOST ?? "127.0.0.1";
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(host))
    throw new ConfigError(`--host: '${host}' is not a host name or address`);

  const portText = flags.port ?? env.PORTCULLIS_PORT ?? "4599";
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new ConfigError(`--port: '${portText}' is not a port number (0-65535)`);
  }

  const dataDir = path.resolve(flags.data ?? env.PORTCULLIS_DATA ?? ".portcullis");

  const databaseUrl = resolveDatabaseUrl(flags, env);

  const accountId = env.PORTCULLIS_ACCOUNT_ID ?? "000000000000";
  if (!ACCOUNT_ID_PATTERN.test(accountId)) {
    throw new ConfigError(`PORTCULLIS_ACCOUNT_ID: '${accountId}' is not a 12-digit account id`);
  }

  const rootAccessKeyId = env.PORTCULLIS_ROOT_ACCESS_KEY_ID || undefined;
  const rootSecretAccessKey = env.PORTCULLIS_ROOT_SECRET_ACCESS_KEY || undefined;
  if ((rootAccessKeyId === undefined) !== (rootSecretAccessKey === undefined)) {
    throw new ConfigError(
      "PORTCULLIS_ROOT_ACCESS_KEY_ID and PORTCULLIS_ROOT_SECRET_ACCESS_KEY must be set together, or neither",
    );
  }
  if (rootAccessKeyId !== undefined && !/^[A-Z0-9]{16,128}$/.test(rootAccessKeyId)) {
    throw new ConfigError("PORTCULLIS_ROOT_ACCESS_KEY_ID must be 16 to 128 upper-case letters and digits");
  }
  if (rootSecretAccessKey !== undefined && rootSecretAccessKey.length < 16) {
    throw new ConfigError("PORTCULLIS_ROOT_SECRET_ACCESS_KEY must be at least 16 characters");
  }

  const logLevel = flags.logLevel ?? env.PORTCULLIS_LOG_LEVEL ?? "info";
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`--log-level: '${logLevel}' is not one of ${LOG_LEVELS.join(", ")}`);
  }

  const stsRegionsText = flags.stsRegions ?? env.PORTCULLIS_STS_REGIONS;
  const stsRegions = stsRegionsText?.split(",").map((r) => r.trim());
  for (const region of stsRegions ?? []) {
    if (!REGION_NAME.test(region)) throw new ConfigError(`--sts-regions: '${region}' is not a region name`);
  }

  const transport: Partial<TransportLimits> = {};
  for (const [name, member] of [
    ["PORTCULLIS_REQUEST_TIMEOUT_MS", "requestTimeoutMs"],
    ["PORTCULLIS_HEADERS_TIMEOUT_MS", "headersTimeoutMs"],
    ["PORTCULLIS_SHUTDOWN_GRACE_MS", "shutdownGraceMs"],
  ] as const) {
    const text = env[name];
    if (text === undefined) continue;
    if (!/^\d{1,7}$/.test(text) || Number(text) < 100)
      throw new ConfigError(`${name}: '${text}' is not 100 to 9999999 ms`);
    transport[member] = Number(text);
  }

  const retentionText = flags.auditRetentionDays ?? env.PORTCULLIS_AUDIT_RETENTION_DAYS;
  if (retentionText !== undefined && !/^\d{1,5}$/.test(retentionText)) {
    throw new ConfigError(
      `--audit-retention-days: '${retentionText}' is not a number of days (0 keeps records forever)`,
    );
  }

  const samlAudienceText = flags.samlAudience ?? env.PORTCULLIS_SAML_AUDIENCE;
  const samlAudiences = samlAudienceText?.split(",").map((a) => a.trim());
  for (const audience of samlAudiences ?? []) {
    if (!/^(https?:\/\/|urn:)\S+$/.test(audience))
      throw new ConfigError(`--saml-audience: '${audience}' is not a URL or URN`);
  }
  const workersText = flags.workers ?? env.PORTCULLIS_WORKERS;
  if (workersText !== undefined && (!/^\d{1,3}$/.test(workersText) || Number(workersText) < 1)) {
    throw new ConfigError(`--workers: '${workersText}' is not a number of processes (1-999)`);
  }
  const workers = workersText !== undefined ? Number(workersText) : os.availableParallelism();

  return {
    host,
    port,
    dataDir,
    ...(databaseUrl ? { databaseUrl } : {}),
    accountId,
    ...(rootAccessKeyId && rootSecretAccessKey ? { rootAccessKeyId, rootSecretAccessKey } : {}),
    ...(env.PORTCULLIS_MASTER_KEY ? { masterKey: env.PORTCULLIS_MASTER_KEY } : {}),
    logLevel,
    ...(stsRegions ? { stsRegions } : {}),
    ...(Object.keys(transport).length > 0 ? { transport } : {}),
    ...(retentionText !== undefined ? { auditRetentionDays: Number(retentionText) } : {}),
    ...(flags.allowHttpOidcIssuers || env.PORTCULLIS_ALLOW_HTTP_OIDC_ISSUERS === "1"
      ? { allowHttpOidcIssuers: true }
      : {}),
    ...(samlAudiences ? { samlAudiences } : {}),
    workers,
  };
}
