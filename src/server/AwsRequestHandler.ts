// The request pipeline, as an ordered list of small steps: request id → form parameters →
// authenticate (SigV4 → caller) → parse and validate by the service model → authorize → run
// (in one transaction with its audit record, when it changes state) → serialize. One error step
// renders every failure once, as AWS's ErrorResponse; anything unexpected is an InternalFailure
// whose cause is logged, never shown.

import { randomBytes, randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { AuditBuffer } from "../audit/AuditBuffer.ts";
import { buildAuditEvent } from "../audit/buildAuditEvent.ts";
import type { Sealer } from "../auth/sealing/Sealer.ts";
import { parseSigV4Request } from "../auth/sigv4/parseSigV4Request.ts";
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
import type { OperationContext } from "../operations/OperationContext.ts";
import { operationRegistry } from "../operations/operationRegistry.ts";
import { parseQueryRequest } from "../protocol/parseQueryRequest.ts";
import { QueryProtocolError } from "../protocol/QueryProtocolError.ts";
import { serializeErrorResponse } from "../protocol/serializeErrorResponse.ts";
import { serializeQueryResponse } from "../protocol/serializeQueryResponse.ts";
import type { Store, StoreSession } from "../store/ports.ts";
import { assertSessionMayCall } from "./assertSessionMayCall.ts";
import type { Authorizer } from "./authorization/Authorizer.ts";
import type { PolicyResolver } from "./authorization/PolicyResolver.ts";
import type { CredentialResolver } from "./CredentialResolver.ts";
import type { LastUsedTracker } from "./LastUsedTracker.ts";

export interface AwsRequest extends SignedRequest {
  sourceIp: string;
}

export interface AwsResponse {
  status: number;
  body: string;
  requestId: string;
}

export interface PipelineDeps {
  store: Store;
  sealer: Sealer;
  credentials: CredentialResolver;
  authorizer: Authorizer;
  policies: PolicyResolver;
  audit: AuditBuffer;
  lastUsed: LastUsedTracker;
  log: Logger;
  clock?: () => Date;
  random?: (n: number) => Buffer;
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
  /** The operation's audit facts, kept for the record of a refused request too. */
  auditDetails?: Record<string, unknown>;
}

function formParameters(req: AwsRequest): URLSearchParams {
  const contentType = req.headers["content-type"];
  if (
    req.method === "POST" &&
    (contentType === undefined || String(contentType).includes("x-www-form-urlencoded"))
  ) {
    return new URLSearchParams(req.body.toString("utf8"));
  }
  return new URLSearchParams(req.query);
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

  constructor(private readonly deps: PipelineDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.random = deps.random ?? randomBytes;
  }

  async handle(req: AwsRequest): Promise<AwsResponse> {
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
    try {
      const body = await this.run(req, params, state);
      return { status: 200, body, requestId: state.requestId };
    } catch (err) {
      return this.fail(err, state);
    }
  }

  private async run(req: AwsRequest, params: URLSearchParams, state: RequestState): Promise<string> {
    // Authenticate first: nothing about the request is considered before we know who sent it.
    const claim = parseSigV4Request(req);
    state.claim = claim;
    state.region = claim.region;
    state.service = serviceOfClaim(claim, state.service);
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

    const model = MODELS[state.service];
    const parsed = parseQueryRequest(params, model);
    state.eventName = parsed.operation.name;
    state.input = parsed.input;
    const operation = operationRegistry[state.service].get(parsed.operation.name);
    if (!operation) throw new NotImplemented(parsed.operation.name);
    state.mutating = operation.mutating;
    // Credentials from GetSessionToken opened without MFA reach neither IAM nor most of STS.
    assertSessionMayCall(state.service, operation.name, caller);

    await this.deps.authorizer.authorize({
      operation,
      input: parsed.input,
      caller,
      store: this.deps.store,
      facts: {
        now: state.now,
        sourceIp: state.sourceIp,
        userAgent: state.userAgent,
        region: claim.region,
        secureTransport: false,
      },
    });

    const changed: ChangedEntity[] = [];
    const auditDetails: Record<string, unknown> = {};
    state.auditDetails = auditDetails;
    const context = (store: StoreSession): OperationContext => ({
      caller,
      store,
      now: state.now,
      random: this.random,
      sealer: this.deps.sealer,
      policies: this.deps.policies,
      requestId: state.requestId,
      region: claim.region,
      invalidate: (entity) => changed.push(entity),
      auditDetails,
    });

    let output: unknown;
    if (operation.mutating) {
      // The change and its audit record commit together or not at all.
      const failed: { error?: AwsError } = {};
      output = await this.deps.store.transaction(async (tx) => {
        let result: unknown;
        try {
          result = await operation.execute(parsed.input, context(tx));
        } catch (err) {
          // What the operation wrote before a CommitThenFail (a failed MFA code's count) commits;
          // the request then fails.
          if (!(err instanceof CommitThenFail)) throw err;
          failed.error = err.error;
          return undefined;
        }
        await tx.audit.append([this.auditEvent(state, { output: result, details: auditDetails })]);
        return result;
      });
      if (failed.error) throw failed.error;
      if (changed.length > 0) {
        this.deps.credentials.invalidate(changed);
        this.deps.policies.invalidate(changed);
      }
    } else {
      output = await operation.execute(parsed.input, context(this.deps.store));
      this.deps.audit.add(this.auditEvent(state, { output, details: auditDetails }));
    }
    // Every request has its audit record; the log keeps changes and refusals at info, and
    // successful reads at debug, so a busy read path does not pay for a second record of itself.
    const line = { requestId: state.requestId, action: state.eventName, principal: caller.arn, status: 200 };
    if (operation.mutating) this.deps.log.info(line, "request");
    else this.deps.log.debug(line, "request");
    return serializeQueryResponse(model, parsed.operation, output, state.requestId);
  }

  private fail(err: unknown, state: RequestState): AwsResponse {
    if (err instanceof CommitThenFail) return this.fail(err.error, state);
    let error: { code: string; message: string; fault: "Sender" | "Receiver"; httpStatus: number };
    if (err instanceof AwsError || err instanceof QueryProtocolError) {
      error = err;
    } else {
      this.deps.log.error({ requestId: state.requestId, err }, "internal failure");
      error = new InternalFailure();
    }
    this.deps.audit.add(
      this.auditEvent(state, { error, ...(state.auditDetails ? { details: state.auditDetails } : {}) }),
    );
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
    const body = serializeErrorResponse(error, state.requestId, MODELS[state.service].xmlNamespace);
    return { status: error.httpStatus, body, requestId: state.requestId };
  }

  private auditEvent(
    state: RequestState,
    extra: {
      output?: unknown;
      error?: { code: string; message: string };
      details?: Record<string, unknown>;
    },
  ) {
    return buildAuditEvent({
      time: state.now,
      service: state.service,
      eventName: state.eventName,
      region: state.region,
      sourceIp: state.sourceIp,
      userAgent: state.userAgent,
      requestId: state.requestId,
      ...(state.caller ? { caller: state.caller } : {}),
      ...(state.claim ? { claimedAccessKeyId: state.claim.accessKeyId } : {}),
      readOnly: !state.mutating,
      input: state.input,
      output: extra.output,
      ...(extra.error ? { error: { code: extra.error.code, message: extra.error.message } } : {}),
      ...(extra.details ? { details: extra.details } : {}),
    });
  }
}
