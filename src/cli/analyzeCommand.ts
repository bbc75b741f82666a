// `portcullis analyze`: MFA bypasses, privilege-escalation paths, MFA associations to review and
// hygiene, for a Portcullis data folder or AWS's own export files. Exit 0 without findings, 1
// with, 2 on bad input (a message naming the file, never a stack trace).

import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { type AccountSnapshot, AnalyzerInputError } from "../analyzer/AccountSnapshot.ts";
import { analyzeAccount } from "../analyzer/analyzeAccount.ts";
import type { Finding } from "../analyzer/Finding.ts";
import type { MfaSemantics } from "../analyzer/findMfaBypasses.ts";
import {
  formatDot,
  formatJson,
  formatMermaid,
  formatSarif,
  formatTable,
} from "../analyzer/formatFindings.ts";
import { parseAuditRecords } from "../analyzer/parseAuditRecords.ts";
import { parseAuthorizationDetails } from "../analyzer/parseAuthorizationDetails.ts";
import { parseCredentialReport, withCredentialReport } from "../analyzer/parseCredentialReport.ts";
import type { AuditEvent } from "../domain/AuditEvent.ts";
import { loadActionCatalog } from "../server/loadActionCatalog.ts";
import type { Store } from "../store/ports.ts";
import { NoDataError, openCommandStore } from "./openCommandStore.ts";
import { readStoreSnapshot } from "./readStoreSnapshot.ts";

export interface AnalyzeFlags {
  data?: string;
  /** With --data: the data folder's PostgreSQL database instead of its SQLite file. */
  database?: string;
  authorizationDetails?: string;
  credentialReport?: string;
  cloudtrail?: string[];
  format?: string;
  graph?: string;
  mfaSemantics?: string;
  now?: string;
}

export { loadActionCatalog };

function readText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw new AnalyzerInputError(file, `cannot read (${(err as NodeJS.ErrnoException).code ?? "error"})`);
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = zlib.gunzipSync(bytes);
    } catch {
      throw new AnalyzerInputError(file, "not a valid gzip file");
    }
  }
  return bytes.toString("utf8");
}

async function fromDataFolder(
  dir: string,
  flags: { database?: string },
): Promise<{ snapshots: AccountSnapshot[]; events: AuditEvent[] }> {
  let store: Store;
  try {
    store = await openCommandStore(dir, flags);
  } catch (err) {
    if (err instanceof NoDataError) throw new AnalyzerInputError(dir, "no Portcullis data in this folder");
    throw err;
  }
  try {
    const snapshots = [];
    for (const account of await store.accounts.list())
      snapshots.push(await readStoreSnapshot(store, account.accountId, dir));
    const events = [
      ...(await store.audit.query({ eventName: "EnableMFADevice" })),
      ...(await store.audit.query({ eventName: "DeactivateMFADevice" })),
    ];
    return { snapshots, events };
  } finally {
    await store.close();
  }
}

function choice<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  flag: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T))
    throw new AnalyzerInputError(flag, `must be one of ${allowed.join(", ")}`);
  return value as T;
}

export async function analyzeCommand(flags: AnalyzeFlags): Promise<void> {
  try {
    const format = choice(flags.format, ["table", "json", "sarif"] as const, "--format") ?? "table";
    const graph = choice(flags.graph, ["mermaid", "dot"] as const, "--graph");
    const mfaSemantics: MfaSemantics =
      choice(flags.mfaSemantics, ["current", "pre-2023"] as const, "--mfa-semantics") ?? "current";
    const now = flags.now ? new Date(flags.now) : new Date();
    if (Number.isNaN(now.getTime())) throw new AnalyzerInputError("--now", "not an ISO-8601 time");
    if (!!flags.data === !!flags.authorizationDetails)
      throw new AnalyzerInputError(
        "portcullis analyze",
        "give exactly one of --data D or --authorization-details F",
      );

    let snapshots: AccountSnapshot[];
    let events: AuditEvent[] = [];
    let artifact: string;
    if (flags.data) {
      const dir = path.resolve(flags.data);
      ({ snapshots, events } = await fromDataFolder(dir, flags));
      artifact = dir;
    } else {
      const file = flags.authorizationDetails as string;
      let snapshot = parseAuthorizationDetails(readText(file), file);
      if (flags.credentialReport)
        snapshot = withCredentialReport(
          snapshot,
          parseCredentialReport(readText(flags.credentialReport), flags.credentialReport),
        );
      snapshots = [snapshot];
      artifact = file;
    }
    for (const f of flags.cloudtrail ?? []) events.push(...parseAuditRecords(readText(f), f));

    const catalog = await loadActionCatalog();
    const findings: Finding[] = [];
    for (const [i, snapshot] of snapshots.entries())
      findings.push(
        ...analyzeAccount(snapshot, {
          catalog,
          now,
          mfaSemantics,
          ...(i === 0 && events.length > 0 ? { auditEvents: events } : {}),
        }),
      );

    const out =
      format === "json"
        ? formatJson(findings)
        : format === "sarif"
          ? formatSarif(findings, artifact, "0.1.0")
          : formatTable(findings);
    process.stdout.write(out);
    if (graph) process.stdout.write(graph === "mermaid" ? formatMermaid(findings) : formatDot(findings));
    process.exitCode = findings.length > 0 ? 1 : 0;
  } catch (err) {
    if (err instanceof AnalyzerInputError) {
      process.stderr.write(`portcullis analyze: ${err.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw err;
  }
}
