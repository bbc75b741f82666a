// A sample decoded authorization message (a denied s3:GetObject), for tests that seal one and
// have DecodeAuthorizationMessage open it.

import type { AuthorizationMessage } from "../../src/auth/session/AuthorizationMessage.ts";
import { TEST_ACCOUNT_ID } from "./startTestServer.ts";

export function sampleAuthorizationMessage(userName = "x"): AuthorizationMessage {
  return {
    allowed: false,
    explicitDeny: false,
    matchedStatements: { items: [] },
    failures: { items: [] },
    context: {
      principal: { id: "AIDAEXAMPLE", arn: `arn:aws:iam::${TEST_ACCOUNT_ID}:user/${userName}` },
      action: "s3:GetObject",
      resource: "arn:aws:s3:::b/k",
      conditions: { items: [] },
    },
  };
}
