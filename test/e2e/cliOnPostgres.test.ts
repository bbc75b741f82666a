// End-to-end: every `portcullis` admin command against a PostgreSQL store (`--database URL`, or
// PORTCULLIS_DATABASE_URL), on what a node serving from that database wrote. The data folder
// given beside the URL is empty, so nothing can come from a SQLite file.

import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { promisify } from "node:util";
import {
  AttachUserPolicyCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
} from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";
import pg from "pg";
import { iamClient, stsClient } from "../support/awsClients.ts";
import { createUserWithKey } from "../support/createUserWithKey.ts";
import { expectRefusal } from "../support/expectRefusal.ts";
import { BIN } from "../support/serveProcess.ts";
import { ROOT_KEY, startTestServer, TEST_ACCOUNT_ID, type TestServer } from "../support/startTestServer.ts";
import { postgresForSuites } from "../support/throwawayPostgres.ts";
import { VirtualMfaApp } from "../support/virtualMfa.ts";

const run = promisify(execFile);
const { cluster, skip } = await postgresForSuites();
const MASTER_KEY = "cd".repeat(32);
const OTHER_ACCOUNT = "222233334444";

describe("every CLI command against PostgreSQL", { skip }, () => {
  let url: string;
  let emptyDir: string;
  let env: NodeJS.ProcessEnv;
  const node = () =>
    startTestServer({
      dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-pg-node-")),
      config: { databaseUrl: url, masterKey: MASTER_KEY },
    });
  const cli = (args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}) =>
    run(process.execPath, [BIN, ...args], { env: { ...env, ...extraEnv } });
  /** A command on the PostgreSQL store, beside an empty data folder. */
  const onPostgres = (args: readonly string[]) => cli([...args, "--data", emptyDir, "--database", url]);
  const auditRecords = async (eventName: string) =>
    lines((await onPostgres(["audit", "--event-name", eventName])).stdout);
  const lines = (stdout: string) =>
    stdout
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  before(async () => {
    url = await cluster.createDatabase();
    emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-pg-cli-"));
    env = { ...process.env, PORTCULLIS_ACCOUNT_ID: TEST_ACCOUNT_ID, PORTCULLIS_MASTER_KEY: MASTER_KEY };
    delete env.PORTCULLIS_DATABASE_URL;

    // What the commands will read: users, an MFA device enabled, and one wrong code for it.
    const server: TestServer = await node();
    try {
      const key = await createUserWithKey(server.url, "operator");
      await createUserWithKey(server.url, "keyholder"); // an active key and no MFA: a finding
      const root = iamClient(server.url, ROOT_KEY);
      await root.send(
        new AttachUserPolicyCommand({
          UserName: "operator",
          PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
        }),
      );
      const created = await root.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "op" }));
      const serial = created.VirtualMFADevice?.SerialNumber as string;
      const app = new VirtualMfaApp(created.VirtualMFADevice?.Base32StringSeed as Uint8Array);
      await root.send(
        new EnableMFADeviceCommand({ UserName: "operator", SerialNumber: serial, ...app.consecutive() }),
      );
      await expectRefusal(
        stsClient(server.url, key).send(
          new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: "000000" }),
        ),
      );
    } finally {
      await server.stop(); // flushes the audit trail
    }
  });

  after(() => cluster.stop());

  test("audit, by --database and by PORTCULLIS_DATABASE_URL", async () => {
    const byFlag = await onPostgres(["audit", "--event-name", "CreateUser"]);
    const created = lines(byFlag.stdout).map((r) => (r.requestParameters as { userName: string }).userName);
    assert.deepEqual(created.sort(), ["keyholder", "operator"]);
    const byEnv = await cli(["audit", "--data", emptyDir, "--event-name", "EnableMFADevice"], {
      PORTCULLIS_DATABASE_URL: url,
    });
    assert.equal(lines(byEnv.stdout).length, 1);
  });

  test("audit mfa", async () => {
    const { stdout } = await onPostgres(["audit", "mfa", "--json"]);
    const changes = lines(stdout);
    assert.equal(changes.length, 1);
    assert.match(JSON.stringify(changes[0]), /mfa\/op/);
  });

  test("mfa unlock clears the counters the node wrote, and is audited", async () => {
    const { stdout } = await onPostgres(["mfa", "unlock", "--user", "operator"]);
    assert.match(stdout, /MFA throttle cleared for user operator in account 111122223333 \(3 counters\)/);
    const again = await onPostgres(["mfa", "unlock", "--user", "operator"]);
    assert.match(again.stdout, /\(0 counters\)/);
    assert.equal((await auditRecords("PortcullisUnlockMFAThrottle")).length, 2);
  });

  test("audit prune", async () => {
    const { stdout } = await onPostgres(["audit", "prune", "--days", "1"]);
    assert.match(stdout, /^pruned 0 audit records older than /);
    assert.equal((await auditRecords("PortcullisAuditPrune")).length, 1);
  });

  test("analyze reads the database's accounts", async () => {
    const analyzed = await onPostgres(["analyze", "--format", "json"]).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (err: { code: number; stdout: string }) => err,
    );
    assert.equal(analyzed.code, 1, "findings exist");
    assert.match(analyzed.stdout, /user\/keyholder/);
  });

  test("account create, account list and account root-password, then a node serves the new account", async () => {
    const created = await onPostgres(["account", "create", "--id", OTHER_ACCOUNT, "--json"]);
    const account = JSON.parse(created.stdout) as { accessKeyId: string; secretAccessKey: string };
    const listed = await onPostgres(["account", "list", "--json"]);
    assert.deepEqual(
      lines(listed.stdout)
        .map((a) => a.accountId)
        .sort(),
      [TEST_ACCOUNT_ID, OTHER_ACCOUNT],
    );

    const child = spawn(
      process.execPath,
      [BIN, "account", "root-password", "--account", OTHER_ACCOUNT, "--data", emptyDir, "--database", url],
      {
        env,
      },
    );
    child.stdin.end("a-Root-passw0rd-for-the-test\n");
    let out = "";
    child.stdout.on("data", (c: Buffer) => {
      out += c.toString();
    });
    assert.equal(await new Promise((resolve) => child.on("exit", resolve)), 0);
    assert.match(out, /Root password of account 222233334444 set/);
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      const rows = await db.query("select count(*)::int as n from root_passwords where account_id = $1", [
        OTHER_ACCOUNT,
      ]);
      assert.equal(rows.rows[0].n, 1);
    } finally {
      await db.end();
    }

    const server = await node();
    try {
      const me = await stsClient(server.url, account).send(new GetCallerIdentityCommand({}));
      assert.equal(me.Arn, `arn:aws:iam::${OTHER_ACCOUNT}:root`);
    } finally {
      await server.stop();
    }
  });

  test("no command made a SQLite file in the data folder", () => {
    assert.ok(!fs.existsSync(path.join(emptyDir, "portcullis.sqlite")));
  });
});
