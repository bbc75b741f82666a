// Reads a request's SigV4 claim (who says they signed it, for which scope, with which headers)
// from the Authorization header or the presigned query, and refuses a malformed one with
// AWS's IncompleteSignature messages. Nothing is verified here: that is verifySigV4, once the
// caller has looked up the secret for claim.accessKeyId.
// Messages echo only what the client sent in SigV4 fields (the key id and the signature are
// not secrets; AWS echoes them too), never a value from a scheme we do not parse.
// Must not import anything but src/domain.

import {
  IncompleteSignature,
  MissingAuthenticationToken,
  SignatureDoesNotMatch,
} from "../../domain/errors/authErrors.ts";
import { formatAmzDate, parseAmzDate } from "./formatAmzDate.ts";
import { readFormParameters } from "./readFormParameters.ts";
import { readHeader, type SignedRequest } from "./SignedRequest.ts";
import type { SigV4Claim } from "./SigV4Claim.ts";

export type { SignedRequest } from "./SignedRequest.ts";
export type { SigV4Claim } from "./SigV4Claim.ts";

export const SIGV4_ALGORITHM = "AWS4-HMAC-SHA256";
export const SIGV4_TERMINATOR = "aws4_request";
/** SigV4's limit for presigned requests: seven days. */
export const MAX_PRESIGN_EXPIRES_SECONDS = 604_800;

export function parseSigV4Request(req: SignedRequest): SigV4Claim {
  const authorization = readHeader(req, "authorization");
  const query = req.query === "" ? undefined : readQueryParameters(req.query);
  const hasAuthorization = authorization !== undefined && authorization.trim() !== "";
  const hasQueryAlgorithm = query?.has("X-Amz-Algorithm") === true;
  if (hasAuthorization && hasQueryAlgorithm) {
    // Two signatures for one request: AWS refuses to pick one, so do we.
    throw new SignatureDoesNotMatch(
      "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
    );
  }
  if (hasAuthorization) return parseHeaderForm(req, authorization, query);
  if (hasQueryAlgorithm && query !== undefined) return parseQueryForm(req, query);
  throw new MissingAuthenticationToken();
}

function parseHeaderForm(
  req: SignedRequest,
  authorization: string,
  query: Map<string, string> | undefined,
): SigV4Claim {
  const header = authorization.trim();
  const space = header.search(/\s/);
  const scheme = space < 0 ? header : header.slice(0, space);
  const isAws4 = scheme.startsWith("AWS4-");
  const params = new Map<string, string>();
  if (isAws4 && space >= 0) {
    for (const part of header.slice(space + 1).split(/[\s,]+/)) {
      if (part === "") continue;
      const eq = part.indexOf("=");
      if (eq < 0) {
        throw new IncompleteSignature(
          `'${part}' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'.`,
        );
      }
      const key = part.slice(0, eq);
      if (!params.has(key)) params.set(key, part.slice(eq + 1));
    }
  }

  const credential = params.get("Credential");
  const signature = params.get("Signature");
  const signedHeaders = params.get("SignedHeaders");
  const amzDate = readHeader(req, "x-amz-date");
  const httpDate = readHeader(req, "date");
  let missing = "";
  if (!credential) missing += "Authorization header requires 'Credential' parameter. ";
  if (!signature) missing += "Authorization header requires 'Signature' parameter. ";
  if (signedHeaders === undefined) missing += "Authorization header requires 'SignedHeaders' parameter. ";
  if (amzDate === undefined && httpDate === undefined) {
    missing += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  }
  if (missing !== "") {
    // AWS appends "Authorization=<the header>". For an AWS4 header that is only the key id, the
    // scope and the signature. Any other scheme (Basic, Bearer, a bare JWT) may carry a real
    // secret, so it is never echoed: a deliberate difference from AWS.
    throw new IncompleteSignature(isAws4 ? `${missing}Authorization=${header}` : missing.trimEnd());
  }
  checkAlgorithm(scheme);

  const requestTime = amzDate !== undefined ? parseRequestTime(amzDate) : parseHttpDate(httpDate as string);
  // X-Amz-Date is already in basic format (parseAmzDate accepts nothing else); a Date header is not.
  const basic = amzDate !== undefined ? amzDate : formatAmzDate(requestTime);
  const scope = parseCredential(credential as string, basic);
  // Built member by member, not spread: every request makes one.
  const claim: SigV4Claim = {
    form: "header",
    accessKeyId: scope.accessKeyId,
    credentialDate: scope.credentialDate,
    region: scope.region,
    service: scope.service,
    signedHeaders: splitSignedHeaders(signedHeaders as string),
    signature: signature as string,
    requestTime,
    amzDate: basic,
  };
  // The header is where the SDKs put it in this form; the query parameter is accepted too.
  const token = readHeader(req, "x-amz-security-token") ?? query?.get("X-Amz-Security-Token");
  if (token !== undefined && token !== "") claim.securityToken = token;
  return claim;
}

function parseQueryForm(req: SignedRequest, query: Map<string, string>): SigV4Claim {
  const algorithm = query.get("X-Amz-Algorithm");
  const credential = query.get("X-Amz-Credential");
  const signature = query.get("X-Amz-Signature");
  const signedHeaders = query.get("X-Amz-SignedHeaders");
  const amzDate = query.get("X-Amz-Date");
  let missing = "";
  if (!algorithm) missing += "AWS query-string parameters must include 'X-Amz-Algorithm'. ";
  if (!credential) missing += "AWS query-string parameters must include 'X-Amz-Credential'. ";
  if (!signature) missing += "AWS query-string parameters must include 'X-Amz-Signature'. ";
  if (!signedHeaders) missing += "AWS query-string parameters must include 'X-Amz-SignedHeaders'. ";
  if (!amzDate) missing += "AWS query-string parameters must include 'X-Amz-Date'. ";
  if (missing !== "") throw new IncompleteSignature(`${missing}Re-examine the query-string parameters.`);
  checkAlgorithm(algorithm as string);

  const requestTime = parseRequestTime(amzDate as string);
  const scope = parseCredential(credential as string, amzDate as string);
  return {
    form: "query",
    ...scope,
    signedHeaders: splitSignedHeaders(signedHeaders as string),
    signature: signature as string,
    requestTime,
    amzDate: amzDate as string,
    ...expires(query.get("X-Amz-Expires")),
    ...securityToken(query.get("X-Amz-Security-Token") ?? readHeader(req, "x-amz-security-token")),
  };
}

function checkAlgorithm(algorithm: string): void {
  if (algorithm !== SIGV4_ALGORITHM) {
    throw new IncompleteSignature(
      `Unsupported AWS 'algorithm': '${algorithm}' (only ${SIGV4_ALGORITHM} for now). `,
    );
  }
}

function parseRequestTime(amzDate: string): Date {
  const date = parseAmzDate(amzDate);
  if (date === null) {
    throw new IncompleteSignature(
      `Date must be in ISO-8601 'basic format'. Got '${amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }
  return date;
}

/** The HTTP Date header (RFC 9110 IMF-fixdate), used only when X-Amz-Date is absent. */
function parseHttpDate(httpDate: string): Date {
  const ms = Date.parse(httpDate);
  // Whole seconds only: the string-to-sign carries the time at one-second resolution.
  if (Number.isNaN(ms) || ms % 1000 !== 0) {
    throw new IncompleteSignature(
      `Date must be in ISO-8601 'basic format'. Got '${httpDate}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }
  return new Date(ms);
}

type Scope = Pick<SigV4Claim, "accessKeyId" | "credentialDate" | "region" | "service">;

function parseCredential(credential: string, amzDate: string): Scope {
  // AWS ignores trailing slashes here, then wants exactly five elements.
  const parts = (credential.endsWith("/") ? credential.replace(/\/+$/, "") : credential).split("/");
  if (parts.length !== 5) {
    throw new IncompleteSignature(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
    );
  }
  const [accessKeyId, credentialDate, region, service, terminator] = parts as [
    string,
    string,
    string,
    string,
    string,
  ];
  // Like AWS, the scope's terminator and date are SignatureDoesNotMatch (the scope is well formed
  // but wrong), reported together. Region and service are the server's to judge, not ours.
  const problems: string[] = [];
  if (terminator !== SIGV4_TERMINATOR) {
    problems.push(
      `Credential should be scoped with a valid terminator: '${SIGV4_TERMINATOR}', not '${terminator}'.`,
    );
  }
  const dateProblem = credentialDateProblem(credentialDate, amzDate);
  if (dateProblem !== undefined) problems.push(dateProblem);
  if (problems.length > 0) throw new SignatureDoesNotMatch(problems.join(" "));
  return { accessKeyId, credentialDate, region, service };
}

/** AWS's message when the credential scope's date is not the request's date, else undefined. */
export function credentialDateProblem(credentialDate: string, amzDate: string): string | undefined {
  const day = amzDate.slice(0, 8);
  if (credentialDate === day) return undefined;
  return `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${credentialDate}' != '${day}', from '${amzDate}'.`;
}

/** The last list split: a client signs the same headers on every request. Frozen, being shared. */
let lastSignedHeaders = { text: "", names: Object.freeze([]) as readonly string[] };

function splitSignedHeaders(signedHeaders: string): string[] {
  if (signedHeaders === lastSignedHeaders.text) return lastSignedHeaders.names as string[];
  const names = Object.freeze(
    signedHeaders === "" ? [] : signedHeaders.split(";").map((name) => name.trim().toLowerCase()),
  );
  lastSignedHeaders = { text: signedHeaders, names };
  return names as string[];
}

function expires(value: string | undefined): Pick<SigV4Claim, "expiresSeconds"> {
  if (value === undefined) return {};
  if (!/^[0-9]{1,10}$/.test(value)) throw new IncompleteSignature("X-Amz-Expires should be a number");
  const seconds = Number(value);
  if (seconds > MAX_PRESIGN_EXPIRES_SECONDS) {
    throw new IncompleteSignature(
      `X-Amz-Expires must be less than a week (in seconds) that is; ${MAX_PRESIGN_EXPIRES_SECONDS}`,
    );
  }
  return { expiresSeconds: seconds };
}

function securityToken(value: string | undefined): Pick<SigV4Claim, "securityToken"> {
  return value === undefined || value === "" ? {} : { securityToken: value };
}

/** The query's parameters, decoded as the canonical request and the operation read them. */
function readQueryParameters(rawQuery: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const [name, value] of readFormParameters(rawQuery)) if (!params.has(name)) params.set(name, value);
  return params;
}
