// Renders an error as the Query protocol's <ErrorResponse>, the body of every failed IAM/STS call.
// Pure: imports only this folder.

import { escapeXml } from "./escapeXml.ts";

export function serializeErrorResponse(
  error: { fault: "Sender" | "Receiver"; code: string; message: string },
  requestId: string,
  xmlNamespace: string,
): string {
  return (
    `<ErrorResponse xmlns="${escapeXml(xmlNamespace)}"><Error><Type>${error.fault}</Type>` +
    `<Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${escapeXml(requestId)}</RequestId></ErrorResponse>`
  );
}
