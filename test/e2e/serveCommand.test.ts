// The `portcullis` command as a user runs it: `serve` in its own process (start-up, first-start
// bootstrap, health, clean SIGTERM, restart keeping what is there, bad settings refused at
// start-up) and `audit` printing the trail as JSON lines.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { CreateUserCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { iamClient, presignedUrl, stsClient } from "../support/awsClients.ts";
import { BIN, serve, stop } from "../support/serveProcess.ts";

const run = promisify(execFile);

function rootKeyFrom(output: string) {
  const id = /aws_access_key_id\s*=\s*(\S+)/.exec(output)?.[1];
  const secret = /aws_secret_access_key\s*=\s*(\S+)/.exec(output)?.[1];
  assert.ok(id && secret, "the first start prints the root key");
  return { accessKeyId: id, secretAccessKey: secret };
}

test("serve: bootstrap, health, presigned requests, SIGTERM, restart, audit", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-serve-"));
  const first = await serve(dataDir);
  const root = rootKeyFrom(first.output());
  assert.match(first.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(fs.statSync(path.join(dataDir, "root-credentials")).mode & 0o777, 0o600);
  assert.equal(fs.statSync(path.join(dataDir, "master.key")).mode & 0o777, 0o600);
  assert.ok(fs.readFileSync(path.join(dataDir, "root-credentials"), "utf8").includes(root.accessKeyId));

  const health = await fetch(`${first.url}/health`);
  assert.equal(health.status, 200);
  assert.equal(((await health.json()) as { status: string }).status, "ok");

  const me = await stsClient(first.url, root).send(new GetCallerIdentityCommand({}));
  assert.equal(me.Account, "000000000000");
  assert.equal(me.Arn, "arn:aws:iam::000000000000:root");
  await iamClient(first.url, root).send(new CreateUserCommand({ UserName: "kept" }));

  // The presigned (query-string) form of SigV4, as a GET.
  const presigned = await presignedUrl(first.url, root, "sts", {
    Action: "GetCallerIdentity",
    Version: "2011-06-15",
  });
  const viaQuery = await fetch(presigned);
  assert.equal(viaQuery.status, 200);
  assert.match(await viaQuery.text(), /<Arn>arn:aws:iam::000000000000:root<\/Arn>/);

  assert.equal(await stop(first), 0, "SIGTERM closes cleanly");

  const second = await serve(dataDir);
  assert.doesNotMatch(
    second.output(),
    /aws_secret_access_key/,
    "later starts keep the key and do not print it",
  );
  const again = await stsClient(second.url, root).send(new GetCallerIdentityCommand({}));
  assert.equal(again.Arn, "arn:aws:iam::000000000000:root");
  assert.equal(await stop(second), 0);

  const { stdout } = await run(process.execPath, [
    BIN,
    "audit",
    "--data",
    dataDir,
    "--event-name",
    "CreateUser",
  ]);
  const lines = stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.equal(lines.length, 1);
  assert.equal(lines[0].eventName, "CreateUser");
  assert.equal(lines[0].requestParameters.userName, "kept");
  assert.equal(lines[0].userIdentity.arn, "arn:aws:iam::000000000000:root");
  const all = await run(process.execPath, [BIN, "audit", "--data", dataDir]);
  assert.ok(
    all.stdout.includes('"eventName":"GetCallerIdentity"'),
    "reads are in the trail after a clean stop",
  );
});

test("serve: the environment's root key and account are used; flags beat the environment", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-serve-"));
  const key = {
    accessKeyId: "AKIAENVIRONMENTKEY01",
    secretAccessKey: "environment-secret-0123456789abcdefghij",
  };
  const running = await serve(dataDir, {
    PORTCULLIS_ACCOUNT_ID: "123456789012",
    PORTCULLIS_ROOT_ACCESS_KEY_ID: key.accessKeyId,
    PORTCULLIS_ROOT_SECRET_ACCESS_KEY: key.secretAccessKey,
    PORTCULLIS_PORT: "1",
  });
  assert.doesNotMatch(running.output(), /aws_secret_access_key/);
  assert.ok(!fs.existsSync(path.join(dataDir, "root-credentials")));
  const me = await stsClient(running.url, key).send(new GetCallerIdentityCommand({}));
  assert.equal(me.Arn, "arn:aws:iam::123456789012:root");
  assert.equal(await stop(running), 0);
});

test("serve: bad settings are refused at start-up with a clear message", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-serve-"));
  const cases: [string[], Record<string, string>, RegExp][] = [
    [["--port", "http"], {}, /--port: 'http' is not a port number/],
    [[], { PORTCULLIS_ACCOUNT_ID: "12345" }, /PORTCULLIS_ACCOUNT_ID: '12345' is not a 12-digit account id/],
    [[], { PORTCULLIS_ROOT_ACCESS_KEY_ID: "AKIAONLYONEHALF00000" }, /must be set together/],
    [[], { PORTCULLIS_MASTER_KEY: "short" }, /PORTCULLIS_MASTER_KEY/],
  ];
  for (const [flags, env, message] of cases) {
    await assert.rejects(
      run(process.execPath, [BIN, "serve", "--data", dataDir, ...flags], { env: { ...process.env, ...env } }),
      (err: { code?: number; stderr?: string }) => {
        assert.equal(err.code, 2);
        assert.match(err.stderr ?? "", message);
        return true;
      },
    );
  }
});
