// One Query API request signed with SigV4 for a benchmark's load generator to replay (valid for
// the 15-minute skew window): the method, headers and body runLoad sends.

import { signQuery as signHeaders } from "../../test/support/awsClients.ts";
import type { PreparedRequest } from "./signedPool.ts";

export async function signQuery(
  url: string,
  credentials: { accessKeyId: string; secretAccessKey: string },
  service: "iam" | "sts",
  body: string,
): Promise<PreparedRequest> {
  return { method: "POST", headers: await signHeaders(url, credentials, service, body), body };
}
