// The console as a client of the public API: each page action becomes an IAM or STS Query request,
// signed with SigV4 by the server with the session's credential and handed to the same pipeline
// every AWS client goes through (AwsRequestHandler.handle), so authentication, the policy engine,
// the 2023 MFA rule and the audit trail treat it like any other call. The XML answer is read back
// into plain values; an ErrorResponse becomes { ok: false } with AWS's code and message, and, for a
// MalformedPolicyDocument, the position the engine's typed error carries in-process (the wire has none).

import { DOMParser, type Element } from "@xmldom/xmldom";
import { signSigV4 } from "../auth/sigv4/signSigV4.ts";
import { MalformedPolicyDocument } from "../domain/errors/iamErrors.ts";
import type { AwsRequest, AwsResponse, InternalOperationName } from "../server/AwsRequestHandler.ts";
import type { ConsoleCredential } from "../server/ConsoleSignIn.ts";

export type XmlValue = string | XmlValue[] | { [name: string]: XmlValue };

export type ApiResult =
  | { ok: true; result: { [name: string]: XmlValue } }
  | { ok: false; code: string; message: string; position?: { line: number; column: number } };

export interface ApiPipeline {
  handle(req: AwsRequest): Promise<AwsResponse>;
  handleInternal(req: AwsRequest, name: InternalOperationName): Promise<AwsResponse>;
}

const VERSIONS = { iam: "2010-05-08", sts: "2011-06-15" } as const;

export interface CallFrom {
  sourceIp: string;
  userAgent: string;
}

export class ConsoleApi {
  constructor(
    private readonly pipeline: ApiPipeline,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async call(
    credential: ConsoleCredential,
    service: "iam" | "sts",
    action: string,
    params: Record<string, string | undefined>,
    from: CallFrom,
  ): Promise<ApiResult> {
    const form = new URLSearchParams({ Action: action, Version: VERSIONS[service] });
    for (const [name, value] of Object.entries(params)) if (value !== undefined) form.set(name, value);
    const request = this.sign(
      credential,
      service,
      "application/x-www-form-urlencoded; charset=utf-8",
      form.toString(),
      from,
    );
    const response = await this.pipeline.handle(request);
    const result = readQueryResponse(response.body);
    if (!result.ok && response.error instanceof MalformedPolicyDocument && response.error.position) {
      result.position = response.error.position;
    }
    return result;
  }

  /** A console operation AWS's Query API has no action for: its input as signed JSON. */
  async callInternal(
    credential: ConsoleCredential,
    name: InternalOperationName,
    input: unknown,
    from: CallFrom,
  ): Promise<ApiResult> {
    const request = this.sign(credential, "iam", "application/json", JSON.stringify(input), from);
    const response = await this.pipeline.handleInternal(request, name);
    if (response.status !== 200) return readQueryResponse(response.body);
    return { ok: true, result: JSON.parse(response.body) as { [name: string]: XmlValue } };
  }

  private sign(
    credential: ConsoleCredential,
    service: "iam" | "sts",
    contentType: string,
    body: string,
    from: CallFrom,
  ): AwsRequest {
    const request = signSigV4(
      {
        method: "POST",
        path: "/",
        query: "",
        headers: {
          host: "portcullis-console",
          "content-type": contentType,
          "user-agent": `portcullis-console (${from.userAgent.slice(0, 512)})`,
        },
        body: Buffer.from(body, "utf8"),
      },
      credential,
      { region: "us-east-1", service },
      this.clock(),
    );
    return { ...request, sourceIp: from.sourceIp };
  }
}

function elementChildren(node: Element): Element[] {
  const out: Element[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 1) out.push(child as Element);
  }
  return out;
}

/** An element as plain data: text when it has no child elements, a list of `member`s, or a record. */
function plainValue(node: Element): XmlValue {
  const children = elementChildren(node);
  if (children.length === 0) return node.textContent ?? "";
  if (children.every((c) => c.localName === "member")) return children.map(plainValue);
  const record: { [name: string]: XmlValue } = {};
  for (const child of children) record[child.localName as string] = plainValue(child);
  return record;
}

export function readQueryResponse(xml: string): ApiResult {
  const doc = new DOMParser().parseFromString(xml, "text/xml");
  const root = doc.documentElement;
  if (!root) return { ok: false, code: "InternalFailure", message: "The service answered nothing readable." };
  if (root.localName === "ErrorResponse") {
    const error = elementChildren(root).find((c) => c.localName === "Error");
    const fields = error ? (plainValue(error) as Record<string, XmlValue>) : {};
    return {
      ok: false,
      code: typeof fields.Code === "string" ? fields.Code : "InternalFailure",
      message: typeof fields.Message === "string" ? fields.Message : "",
    };
  }
  const result = elementChildren(root).find((c) => c.localName?.endsWith("Result"));
  const value = result ? plainValue(result) : {};
  return { ok: true, result: typeof value === "object" && !Array.isArray(value) ? value : {} };
}

/** A list member of a result, as records (an absent or empty list is []). */
export function listOf(value: XmlValue | undefined): Array<Record<string, string>> {
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is Record<string, string> => typeof v === "object" && !Array.isArray(v));
}
