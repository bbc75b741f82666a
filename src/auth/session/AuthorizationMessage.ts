// Encoded authorization messages: the details of a refusal (who, what action, which resource,
// the decision and the statements behind it) sealed under the master key for the account they
// concern, so that a service built on Portcullis can hand them to a caller and only a principal
// of that account allowed sts:DecodeAuthorizationMessage can read them, as with AWS's.
// IAM and STS themselves answer AccessDenied in clear text, as AWS's IAM and STS do.
// Pure. Must not import anything but node:crypto and src/domain.

import type { Sealer } from "../sealing/Sealer.ts";

export const AUTHORIZATION_MESSAGE_CONTEXT = "authorization-message";

/** The decoded form, in the shape AWS documents for DecodeAuthorizationMessage. */
export interface AuthorizationMessage {
  allowed: boolean;
  explicitDeny: boolean;
  matchedStatements: { items: { statementId?: string; effect: string; sourcePolicyId?: string }[] };
  failures: { items: unknown[] };
  context: {
    principal: { id: string; arn: string };
    action: string;
    resource: string;
    conditions: { items: { key: string; values: { items: { value: string }[] } }[] };
  };
}

export function encodeAuthorizationMessage(
  accountId: string,
  message: AuthorizationMessage,
  sealer: Sealer,
): string {
  return sealer.seal(JSON.stringify({ accountId, message }), AUTHORIZATION_MESSAGE_CONTEXT);
}

/** The message, if it was sealed here for this account; undefined for anything else. */
export function decodeAuthorizationMessage(
  encoded: string,
  accountId: string,
  sealer: Sealer,
): AuthorizationMessage | undefined {
  try {
    const opened = JSON.parse(sealer.unseal(encoded, AUTHORIZATION_MESSAGE_CONTEXT).toString("utf8")) as {
      accountId?: unknown;
      message?: AuthorizationMessage;
    };
    return opened.accountId === accountId ? opened.message : undefined;
  } catch {
    return undefined;
  }
}
