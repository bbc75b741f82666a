// The request pipeline, as an ordered list of named steps: request id → form parameters →
// authenticate (after catching up on other processes' changes; SigV4 → caller; an operation its
// input authenticates — AssumeRoleWithWebIdentity, AssumeRoleWithSAML — is unsigned and proves its
// caller in `execute`) → parse and validate by the service model → execute (authorize,
// then run: in one transaction with its audit record, when it changes state) → invalidate the
// caches built from what a change touched → serialize. One error step
// renders every failure once, as AWS's ErrorResponse; anything unexpected is an InternalFailure
// whose cause is logged, never shown.

import { randomBytes, randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { AuditQueue } from "../audit/AuditQueue.ts";
import { type AuditFacts, buildAuditEvent } from "../audit/buildAuditEvent.ts";
import { RefusalAuditLimiter, type SuppressedRefusals } from "../audit/RefusalAuditLimiter.ts";
import type { Sealer } from "../auth/sealing/Sealer.ts";
import { parseSigV4Request } from "../auth/sigv4/parseSigV4Request.ts";
import { readFormParameters, repeatedParameter } from "../auth/sigv4/readFormParameters.ts";
import type { SignedRequest } from "../auth/sigv4/SignedRequest.ts";
import { SigningKeyCache } from "../auth/sigv4/SigningKeyCache.ts";
import type { SigV4Claim } from "../auth/sigv4/SigV4Claim.ts";
import { verifySigV4 } from "../auth/sigv4/verifySigV4.ts";
import type { ChangedEntity } from "../domain/ChangedEntity.ts";
import { AwsError } from "../domain/errors/AwsError.ts";
import { SignatureDoesNotMatch } from "../domain/errors/authErrors.ts";
import { InternalFailure, NotImplemented } from "../domain/errors/commonErrors.ts";
import type { CallerIdentity } from "../domain/Principal.ts";
import { iamModel } from "../generated/iam/iamModel.ts";
import type { ServiceModel } from "../generated/ServiceModel.ts";
import { stsModel } from "../generated/sts/stsModel.ts";
import { CommitThenFail } from "../operations/CommitThenFail.ts";
import { LookupEvents } from "../operations/cloudtrail/LookupEvents.ts";
import { RegisterSecurityKey } from "../operations/console/RegisterSecurityKey.ts";
import type { FederationServices } from "../operations/InputAuthentication.ts";
import type { Operation } from "../operations/Operation.ts";
import { operationRegistry } from "../operations/operationRegistry.ts";
import { type ParsedQueryRequest, parseQueryRequest } from "../protocol/parseQueryRequest.ts";
import { QueryProtocolError } from "../protocol/QueryProtocolError.ts";
import { serializeErrorResponse } from "../protocol/serializeErrorResponse.ts";
import { serializeQueryResponse } from "../protocol/serializeQueryResponse.ts";
import type { Store } from "../store/ports.ts";
import type { Authorizer } from "./authorization/Authorizer.ts";
import type { PolicyResolver } from "./authorization/PolicyResolver.ts";
import type { CredentialResolver } from "./CredentialResolver.ts";
import type { CachedReads } from "./caches/CachedReads.ts";
import { executeOperation } from "./executeOperation.ts";
import type { LastUsedTracker } from "./LastUsedTracker.ts";
import type { RequestMetrics } from "./metrics/ServerMetrics.ts";
import { checkSigningRegion, defaultSigningRegions, type SigningRegions } from "./signingRegions.ts";

export interface AwsRequest extends SignedRequest {
  sourceIp: string;
}

export interface AwsResponse {
  status: number;
  body: string;
  requestId: string;
  /**
   * A refusal's typed error, for in-process callers (the console) that want more than the wire
   * carries, e.g. MalformedPolicyDocument's position. Never serialized: the body is the answer.
   */
  error?: AwsError;
}

export interface PipelineDeps {
  store: Store;
  sealer: Sealer;
  credentials: CredentialResolver;
  authorizer: Authorizer;
  policies: PolicyResolver;
  /** The read path's cache of users and their tags (its `store` is what `store` should be). */
  reads?: CachedReads;
  audit: AuditQueue;
  metrics?: RequestMetrics;
  lastUsed: LastUsedTracker;
  log: Logger;
  /** What verifying an identity provider's token needs (AssumeRoleWithWebIdentity, …WithSAML). */
  federation?: FederationServices;
  /** The regions each service may be signed for; default: IAM us-east-1, STS the commercial regions. */
  regions?: SigningRegions;
  clock?: () => Date;
  random?: (n: number) => Buffer;
  /** Changes other processes committed: caught up on before a request is authenticated. */
  changes?: { beforeRequest(): Promise<void> | undefined };
}

const MODELS: Record<"iam" | "sts", ServiceModel> = { iam: iamModel, sts: stsModel };

/** What the pipeline has learnt so far; the error step and the audit record read it. */
interface RequestState {
  requestId: string;
  now: Date;
  service: "iam" | "sts";
  eventName: string;
  region: string;
  claim?: SigV4Claim;
  caller?: CallerIdentity;
  input?: unknown;
  mutating: boolean;
  sourceIp: string;
  userAgent: string;
  /** The step running (for the metrics: a refusal in `authenticate` is an authentication refusal). */
  step?: string;
  /** The operation's audit facts, kept for the record of a refused request too. */
  auditDetails?: Record<string, unknown>;
}

// biome-ignore lint/suspicious/noExplicitAny: each operation is typed by its own input and output
type AnyOperation = Operation<any, any>;

/**
 * Operations the console calls that AWS's Query API has no action for, by name: reached only
 * through handleInternal, with a JSON body, and run through every step like any request.
 */
const INTERNAL_OPERATIONS: Record<string, AnyOperation> = { RegisterSecurityKey, LookupEvents };
export type InternalOperationName = "RegisterSecurityKey" | "LookupEvents";

/** One request on its way through the steps. */
interface Flight {
  readonly req: AwsRequest;
  /** Set for handleInternal: the operation, its input being the JSON body. */
  readonly internal?: AnyOperation;
  readonly params: URLSearchParams;
  readonly state: RequestState;
  parsed?: ParsedQueryRequest;
  operation?: AnyOperation;
  output?: unknown;
  changed?: readonly ChangedEntity[];
  body?: string;
}

/**
 * The operation's parameters: the form body of a POST, else the query, decoded by the same
 * function the canonical request uses, so the signature covers exactly what the operation reads.
 */
function formParameters(req: AwsRequest): URLSearchParams {
  const contentType = req.headers["content-type"];
  if (
    req.method === "POST" &&
    (contentType === undefined || String(contentType).includes("x-www-form-urlencoded"))
  ) {
    return readFormParameters(req.body.toString("utf8"));
  }
  return readFormParameters(req.query);
}

/** Which service a request addresses before it is authenticated: its Version says so. */
function guessService(params: URLSearchParams): "iam" | "sts" {
  return params.get("Version") === stsModel.apiVersion ? "sts" : "iam";
}

function serviceOfClaim(claim: SigV4Claim, guessed: "iam" | "sts"): "iam" | "sts" {
  if (claim.service === "iam" || claim.service === "sts") return claim.service;
  throw new SignatureDoesNotMatch(`Credential should be scoped to correct service: '${guessed}'. `);
}

export class AwsRequestHandler {
  private readonly signingKeys = new SigningKeyCache();
  private readonly clock: () => Date;
  private readonly random: (n: number) => Buffer;
  private readonly regions: SigningRegions;
  private readonly refusals = new RefusalAuditLimiter();
  private readonly recordSuppressed = (s: SuppressedRefusals) => this.deps.audit.add(this.suppressedEvent(s));

  constructor(private readonly deps: PipelineDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.random = deps.random ?? randomBytes;
    this.regions = deps.regions ?? defaultSigningRegions();
  }

  /**
   * The pipeline, in order. Each step reads and extends the request's state; the first failure
   * goes to the one error step (`fail`). Authorization runs inside `execute`, on the session the
   * operation runs on: for a change, inside its transaction.
   */
  private readonly steps: ReadonlyArray<readonly [string, (flight: Flight) => Promise<void> | void]> = [
    ["parameters", (f) => this.checkParameters(f)],
    ["authenticate", (f) => this.authenticate(f)],
    ["parse", (f) => this.parse(f)],
    ["execute", (f) => this.execute(f)],
    ["invalidate", (f) => this.invalidateCaches(f)],
    ["serialize", (f) => this.serialize(f)],
  ];

  async handle(req: AwsRequest): Promise<AwsResponse> {
    return this.measured(req, undefined);
  }

  /**
   * A console operation with no Query action (see INTERNAL_OPERATIONS): the request is signed as
   * any other and its body is the input as JSON; the answer's body is the output as JSON, or
   * AWS's ErrorResponse XML on failure.
   */
  async handleInternal(req: AwsRequest, name: InternalOperationName): Promise<AwsResponse> {
    return this.measured(req, INTERNAL_OPERATIONS[name]);
  }

  private async measured(req: AwsRequest, internal: AnyOperation | undefined): Promise<AwsResponse> {
    const started = performance.now();
    const response = await this.run(req, internal);
    this.deps.metrics?.request(
      response.state.service,
      // Only an operation we serve names a label: an Action is the client's, and unbounded.
      operationRegistry[response.state.service].has(response.state.eventName) || internal
        ? response.state.eventName
        : "Unknown",
      response.outcome,
      (performance.now() - started) / 1000,
    );
    return response.answer;
  }

  private async run(
    req: AwsRequest,
    internal: AnyOperation | undefined,
  ): Promise<{ answer: AwsResponse; state: RequestState; outcome: string }> {
    const params = formParameters(req);
    const service = guessService(params);
    const action = params.get("Action") ?? "";
    const state: RequestState = {
      requestId: randomUUID(),
      now: this.clock(),
      service,
      eventName: /^[A-Za-z0-9]{1,64}$/.test(action) ? action : "Unknown",
      region: "us-east-1",
      mutating: false,
      sourceIp: req.sourceIp,
      userAgent: String(req.headers["user-agent"] ?? "").slice(0, 1024),
    };
    const flight: Flight = { req, params, state, internal };
    try {
      // Back-pressure from the audit writer (AuditQueue): wait for room, or be refused.
      const admitted = this.deps.audit.admit();
      if (admitted) await admitted;
      for (const [name, step] of this.steps) {
        state.step = name;
        // Only a step that has to wait is awaited: every await costs the request a turn.
        const pending = step(flight);
        if (pending) await pending;
      }
      return {
        answer: { status: 200, body: flight.body as string, requestId: state.requestId },
        state,
        outcome: "Success",
      };
    } catch (err) {
      const answer = this.fail(err, state);
      return { answer, state, outcome: answer.code };
    }
  }

  /**
   * A name given twice has two readings (the canonical request sorts both values in, the model
   * reads one), so such a request is refused before anything else reads it.
   */
  private checkParameters({ params }: Flight): void {
    const repeated = repeatedParameter(params);
    if (repeated === undefined) return;
    const shown = repeated.length > 64 ? `${repeated.slice(0, 64)}...` : repeated;
    // AWS wording unconfirmed
    throw new QueryProtocolError(
      "MalformedQueryString",
      400,
      `Parameter '${shown}' is given more than once.`,
    );
  }

  /**
   * SigV4 → the caller. Nothing about the request is considered before we know who sent it —
   * except for the few operations a token in their input authenticates: they are unsigned, so
   * their caller is proved from that token in `execute`, before anything is authorized.
   */
  private async authenticate({ req, params, state }: Flight): Promise<void> {
    if (state.service === "sts" && operationRegistry.sts.get(params.get("Action") ?? "")?.authenticate)
      return;
    const claim = parseSigV4Request(req);
    state.claim = claim;
    state.service = serviceOfClaim(claim, state.service);
    // Checked before the key is looked up: the scope is the client's claim, and only a region this
    // service serves may become the request's region (aws:RequestedRegion, the audit record).
    checkSigningRegion(state.service, claim.region, this.regions);
    state.region = claim.region;
    // Other processes' changes first, so the key and its owner's grants are never staler than the
    // bound; after the header is read, so malformed floods cost no store read.
    const caughtUp = this.deps.changes?.beforeRequest();
    if (caughtUp) await caughtUp;
    const resolved = await this.deps.credentials.resolve(claim, state.now);
    verifySigV4(req, claim, resolved.secretAccessKey, state.now, this.signingKeys);
    const caller = resolved.caller;
    state.caller = caller;
    this.deps.lastUsed.record({
      accessKeyId: caller.credential.sourceAccessKeyId ?? caller.credential.accessKeyId,
      date: state.now,
      serviceName: state.service,
      region: claim.region,
    });
  }

  /** The form parameters → the operation and its typed input, validated by the model. */
  private parse(flight: Flight): void {
    const { params, state } = flight;
    if (flight.internal) {
      state.eventName = flight.internal.name;
      state.input = JSON.parse(flight.req.body.toString("utf8"));
      state.mutating = flight.internal.mutating;
      flight.operation = flight.internal;
      return;
    }
    const parsed = parseQueryRequest(params, MODELS[state.service]);
    state.eventName = parsed.operation.name;
    state.input = parsed.input;
    const operation = operationRegistry[state.service].get(parsed.operation.name);
    if (!operation) throw new NotImplemented(parsed.operation.name);
    state.mutating = operation.mutating;
    flight.parsed = parsed;
    flight.operation = operation;
  }

  /** Authorize, then run: a change in one transaction with its audit record, a read on the store. */
  private async execute(flight: Flight): Promise<void> {
    const { state } = flight;
    const operation = flight.operation as AnyOperation;
    const input = state.input;
    const auditDetails: Record<string, unknown> = {};
    state.auditDetails = auditDetails;
    const facts = {
      now: state.now,
      sourceIp: state.sourceIp,
      userAgent: state.userAgent,
      region: state.region,
      secureTransport: false,
    };
    // A token in the input is verified before the transaction opens, on the store directly: the
    // verification may wait on the network (an OIDC issuer's keys, up to its timeout), and a
    // transaction held open meanwhile would hold every other write (SQLite has one writer).
    if (!state.caller) {
      if (!operation.authenticate) throw new InternalFailure();
      await this.deps.changes?.beforeRequest();
      state.caller = await operation.authenticate(input, {
        store: this.deps.store,
        now: state.now,
        sourceIp: state.sourceIp,
        federation: this.deps.federation ?? {},
      });
    }
    const caller = state.caller;
    const executed = await executeOperation({
      operation,
      input,
      store: this.deps.store,
      context: {
        caller,
        now: state.now,
        random: this.random,
        sealer: this.deps.sealer,
        policies: this.deps.policies,
        requestId: state.requestId,
        region: state.region,
        sourceIp: state.sourceIp,
        federation: this.deps.federation,
        auditDetails,
      },
      authorize: (store) => this.deps.authorizer.authorize({ operation, input, caller, store, facts }),
      auditRecord: (output) => this.auditEvent(state, { output, details: auditDetails }),
    });
    flight.output = executed.output;
    flight.changed = executed.changed;
    if (!operation.mutating)
      this.deps.audit.add(this.auditEvent(state, { output: executed.output, details: auditDetails }));
  }

  /** After a commit: drop every cache entry built from what the change touched. */
  private invalidateCaches({ changed }: Flight): void {
    if (changed && changed.length > 0) this.invalidate(changed);
  }

  /** Drops every cache entry built from these entities (a change here, or one another node made). */
  invalidate(changed: readonly ChangedEntity[]): void {
    this.deps.credentials.invalidate(changed);
    this.deps.policies.invalidate(changed);
    this.deps.reads?.invalidate(changed);
  }

  private serialize(flight: Flight): void {
    const { state } = flight;
    // Every request has its audit record; the log keeps changes and refusals at info, and
    // successful reads at debug, so a busy read path does not pay for a second record of itself.
    const line = {
      requestId: state.requestId,
      action: state.eventName,
      principal: state.caller?.arn,
      status: 200,
    };
    if (state.mutating) this.deps.log.info(line, "request");
    else this.deps.log.debug(line, "request");
    if (flight.internal) {
      flight.body = JSON.stringify(flight.output ?? {});
      return;
    }
    const parsed = flight.parsed as ParsedQueryRequest;
    flight.body = serializeQueryResponse(
      MODELS[state.service],
      parsed.operation,
      flight.output,
      state.requestId,
    );
  }

  private fail(err: unknown, state: RequestState): AwsResponse & { code: string } {
    if (err instanceof CommitThenFail) return this.fail(err.error, state);
    let error: { code: string; message: string; fault: "Sender" | "Receiver"; httpStatus: number };
    if (err instanceof AwsError || err instanceof QueryProtocolError) {
      error = err;
    } else {
      this.deps.log.error({ requestId: state.requestId, err }, "internal failure");
      error = new InternalFailure();
    }
    // Unauthenticated refusals cost anyone nothing to send: per address, a few a minute get their
    // own record and the rest are counted into one (RefusalAuditLimiter).
    if (state.caller || this.refusals.admit(state.sourceIp, error.code, state.now, this.recordSuppressed)) {
      this.deps.audit.add(
        this.auditEvent(state, { error, ...(state.auditDetails ? { details: state.auditDetails } : {}) }),
      );
    }
    this.deps.log.info(
      {
        requestId: state.requestId,
        action: state.eventName,
        principal: state.caller?.arn,
        status: error.httpStatus,
        code: error.code,
      },
      "request",
    );
    const metrics = this.deps.metrics;
    if (metrics && state.step === "authenticate") metrics.authenticationRefused(error.code);
    else if (metrics && state.caller && error.code.startsWith("AccessDenied"))
      metrics.authorizationRefused(state.service, state.eventName);
    const body = serializeErrorResponse(error, state.requestId, MODELS[state.service].xmlNamespace);
    return {
      status: error.httpStatus,
      body,
      requestId: state.requestId,
      code: error.code,
      ...(error instanceof AwsError ? { error } : {}),
    };
  }

  /** Writes the aggregate records of refusal windows that have ended (all of them at shutdown). */
  sweepRefusals(now: Date, all = false): void {
    this.refusals.sweep(now, this.recordSuppressed, all);
  }

  private suppressedEvent(s: SuppressedRefusals) {
    return buildAuditEvent({
      time: s.windowEnd,
      service: "iam",
      // Not an AWS event: Portcullis's count of refusals it did not record one by one.
      eventName: "PortcullisSuppressedRefusals",
      region: "us-east-1",
      sourceIp: s.sourceIp,
      userAgent: "",
      requestId: randomUUID(),
      readOnly: true,
      error: {
        code: "UnauthenticatedRefusalsAggregated",
        message: `${s.suppressed} refusals not recorded one by one`,
      },
      details: {
        suppressed: s.suppressed,
        codes: s.codes,
        windowStart: s.windowStart.toISOString(),
        windowEnd: s.windowEnd.toISOString(),
      },
    });
  }

  private auditEvent(
    state: RequestState,
    extra: {
      output?: unknown;
      error?: { code: string; message: string };
      details?: Record<string, unknown>;
    },
  ) {
    const facts: AuditFacts = {
      time: state.now,
      service: state.service,
      eventName: state.eventName,
      region: state.region,
      sourceIp: state.sourceIp,
      userAgent: state.userAgent,
      requestId: state.requestId,
      readOnly: !state.mutating,
      input: state.input,
      output: extra.output,
    };
    // Assigned, not spread: every request builds one.
    if (state.caller) facts.caller = state.caller;
    if (state.claim) facts.claimedAccessKeyId = state.claim.accessKeyId;
    if (extra.error) facts.error = { code: extra.error.code, message: extra.error.message };
    if (extra.details) facts.details = extra.details;
    return buildAuditEvent(facts);
  }
}
