// What a handler receives besides its input: the caller, the store session to work in (the
// transaction, for changes), the clock and randomness, the sealer for secrets, and a way to say
// which caches a change makes stale. Handlers never see HTTP.

import type { Sealer } from "../auth/sealing/Sealer.ts";
import type { IdentityEntities } from "../authorization/PrincipalEntities.ts";
import type { ChangedEntity } from "../domain/ChangedEntity.ts";
import type { CallerIdentity } from "../domain/Principal.ts";
import type { Tag } from "../domain/Tag.ts";
import type { CompiledPolicy, PolicyKind, PolicySet, PolicySourceType } from "../policy/index.ts";
import type { StoreSession } from "../store/ports.ts";
import type { FederationServices } from "./InputAuthentication.ts";

/** A stored identity whose policies can be loaded: an IAM user, a group or a role. */
export interface PrincipalRef {
  readonly kind: "user" | "group" | "role";
  readonly id: string;
}

/** The policies in force for a principal, resolved and compiled by the server's cache. */
export interface PolicyCatalog {
  /** The principal's identity-based policies and boundary (no session or resource policy), and its tags. */
  forPrincipal(ref: PrincipalRef, store: StoreSession): Promise<{ set: PolicySet; tags: readonly Tag[] }>;
  /** The stored documents behind `forPrincipal` (identity policies, groups', boundary). */
  entitiesOf(ref: PrincipalRef, store: StoreSession): Promise<IdentityEntities | undefined>;
  /** The default version's document of a managed policy, customer or AWS-managed. */
  managedDocument(arn: string, store: StoreSession): Promise<string | undefined>;
  compile(
    document: string,
    kind: PolicyKind,
    source: { id: string; name: string; type: PolicySourceType; arn?: string },
  ): CompiledPolicy;
}

export interface OperationContext {
  readonly caller: CallerIdentity;
  readonly store: StoreSession;
  readonly now: Date;
  readonly random: (n: number) => Buffer;
  readonly sealer: Sealer;
  readonly policies: PolicyCatalog;
  readonly requestId: string;
  readonly region: string;
  /** The address the request came from (the MFA throttle counts failures per source). */
  readonly sourceIp: string;
  /** When the authorize step checked an MFA code the request carried (see Operation.proveMfa). */
  readonly mfaProvedAt?: Date;
  /**
   * Names an entity this change touched; once the change commits, every cache entry that depends
   * on it is dropped (and, with several processes, the change log tells the others).
   */
  invalidate(entity: ChangedEntity): void;
  /** The server's federation ports and settings (which OIDC issuer URLs IAM accepts). */
  readonly federation?: FederationServices;
  /** Facts for the audit record that the input and output do not show (e.g. how MFA was proved). */
  readonly auditDetails: Record<string, unknown>;
}
