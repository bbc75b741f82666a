// A test file's server: started before its tests and stopped after them, with a root IAM client.

import { after, before } from "node:test";
import type { IAMClient } from "@aws-sdk/client-iam";
import { iamClient } from "./awsClients.ts";
import { ROOT_KEY, startTestServer, type TestServer } from "./startTestServer.ts";

export function useTestServer(): { readonly server: TestServer; readonly iam: IAMClient } {
  let server: TestServer | undefined;
  let iam: IAMClient | undefined;
  before(async () => {
    server = await startTestServer();
    iam = iamClient(server.url, ROOT_KEY);
  });
  after(async () => {
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error("the test server has not started");
      return server;
    },
    get iam() {
      if (!iam) throw new Error("the test server has not started");
      return iam;
    },
  };
}
