// End-to-end: a password never leaves the request it came in. After creating, updating and
// changing passwords, no response body, no file of the data folder (the database with its audit
// trail, the WAL) holds a password or a password hash in clear: the stored hashes are sealed.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { iamClient, signedQuery } from "../support/awsClients.ts";
import { createUserWithKey } from "../support/createUserWithKey.ts";
import { ROOT_KEY, startTestServer, TEST_ACCOUNT_ID } from "../support/startTestServer.ts";

const PASSWORDS = ["Secrecy-First-Pass-7391", "Secrecy-Second-Pass-8402", "Secrecy-Third-Pass-9513"];

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : [full];
  });
}

test("no password in any response or data file; no hash in clear in the data folder", async () => {
  const server = await startTestServer();
  const [first, second, third] = PASSWORDS as [string, string, string];
  const bodies: string[] = [];
  const root = (form: Record<string, string>) =>
    signedQuery(server.url, ROOT_KEY, "iam", { Version: "2010-05-08", ...form }).then((r) => {
      bodies.push(r.body);
      return r;
    });
  const creds = await createUserWithKey(server.url, "secret-user");
  await root({
    Action: "PutUserPolicy",
    UserName: "secret-user",
    PolicyName: "self",
    PolicyDocument: JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "iam:ChangePassword", Resource: "*" }],
    }),
  });
  assert.equal(
    (await root({ Action: "CreateLoginProfile", UserName: "secret-user", Password: first })).status,
    200,
  );
  assert.equal(
    (await root({ Action: "UpdateLoginProfile", UserName: "secret-user", Password: second })).status,
    200,
  );
  const change = await signedQuery(server.url, creds, "iam", {
    Version: "2010-05-08",
    Action: "ChangePassword",
    OldPassword: second,
    NewPassword: third,
  });
  bodies.push(change.body);
  assert.equal(change.status, 200, change.body);
  // A refused change (wrong old password) must not echo it either.
  bodies.push(
    (
      await signedQuery(server.url, creds, "iam", {
        Version: "2010-05-08",
        Action: "ChangePassword",
        OldPassword: first,
        NewPassword: "Secrecy-Never-Set-0000",
      })
    ).body,
  );
  bodies.push((await root({ Action: "GetLoginProfile", UserName: "secret-user" })).body);
  await iamClient(server.url, ROOT_KEY).destroy();
  await server.stop(); // flushes the buffered audit records

  for (const body of bodies) {
    for (const p of [...PASSWORDS, "Secrecy-Never-Set-0000"]) assert.ok(!body.includes(p), body);
    assert.ok(!body.includes("scrypt$"), body);
  }
  for (const file of filesUnder(server.dataDir)) {
    const content = fs.readFileSync(file).toString("latin1");
    for (const p of [...PASSWORDS, "Secrecy-Never-Set-0000"])
      assert.ok(!content.includes(p), `${p} in ${file}`);
    // Neither the current hash nor the remembered ones: every hash starts `scrypt$` in clear.
    assert.ok(!content.includes("scrypt$"), `a password hash in clear in ${file}`);
  }
  const reopened = await startTestServer({ dataDir: server.dataDir });
  try {
    const store = reopened.server.data.store;
    const user = await store.users.getByName(TEST_ACCOUNT_ID, "secret-user");
    assert.ok(user);
    const profile = await store.loginProfiles.get(user.userId);
    assert.match(profile?.passwordHash ?? "", /^v1\./, "the stored hash is sealed");
    const history = await store.loginProfiles.previousHashes(user.userId, 24);
    assert.equal(history.length, 2, "the two replaced hashes are remembered");
    for (const h of history) assert.match(h, /^v1\./);
    const events = await store.audit.query({ limit: 1000 });
    const trail = JSON.stringify(events);
    assert.ok(trail.includes("ChangePassword"));
    assert.ok(trail.includes("HIDDEN_DUE_TO_SECURITY_REASONS"));
    assert.ok(!trail.includes("scrypt$"));
    for (const p of PASSWORDS) assert.ok(!trail.includes(p));
  } finally {
    await reopened.stop();
  }
});
