// Starts a real Portcullis server on a free loopback port with a fresh temporary data folder and
// known root credentials, for end-to-end tests driven by real AWS clients.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pino from "pino";
import { createServer, type PortcullisServer } from "../../src/server/createServer.ts";
import type { ServerConfig } from "../../src/server/ServerConfig.ts";

export const TEST_ACCOUNT_ID = "111122223333";
export const ROOT_KEY = {
  accessKeyId: "AKIAROOTROOTROOT0001",
  secretAccessKey: "root-secret-for-tests-0123456789abcdefgh",
};

export interface TestServer {
  url: string;
  dataDir: string;
  server: PortcullisServer;
  config: ServerConfig;
  stop(): Promise<void>;
  /** Stops and starts again on the same data folder. */
  restart(): Promise<TestServer>;
}

export async function startTestServer(
  options: { dataDir?: string; port?: number; config?: Partial<ServerConfig> } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-test-"));
  const config: ServerConfig = {
    host: "127.0.0.1",
    port: options.port ?? 0,
    dataDir,
    accountId: TEST_ACCOUNT_ID,
    rootAccessKeyId: ROOT_KEY.accessKeyId,
    rootSecretAccessKey: ROOT_KEY.secretAccessKey,
    logLevel: "silent",
    ...options.config,
  };
  const server = await createServer(config, pino({ level: "silent" }));
  const url = await server.listen();
  const test: TestServer = {
    url,
    dataDir,
    server,
    config,
    stop: () => server.close(),
    async restart() {
      await server.close();
      return startTestServer({ ...options, dataDir, port: Number(new URL(url).port) });
    },
  };
  return test;
}
