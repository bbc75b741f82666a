// `npm run test:faults`: crash consistency at random points. A server runs in its own process
// while 4 clients make changes (CreateUser, then CreateAccessKey for it); it is killed with
// SIGKILL at a random moment, N times (FAULT_ROUNDS, default 50). After each kill the data
// folder is checked before the next start: every acknowledged change is present, and the
// invariants hold — no access key without its user, no user with more than 2 keys, no MFA
// device assignment over 8 per user, and every committed change has its audit record and every
// change record its change. Prints the figures; all must be zero. Not part of `npm test`.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CreateAccessKeyCommand, CreateUserCommand } from "@aws-sdk/client-iam";
import Database from "better-sqlite3";
import { DATABASE_FILE } from "../src/server/openDataFolder.ts";
import { iamClient } from "../test/support/awsClients.ts";
import { serve } from "../test/support/serveProcess.ts";

const ROUNDS = Number(process.env.FAULT_ROUNDS ?? 50);
const ROOT = {
  accessKeyId: "AKIAFAULTFAULTFAULT1",
  secretAccessKey: "fault-secret-0123456789abcdefghijklmnop",
};
const env = {
  PORTCULLIS_ROOT_ACCESS_KEY_ID: ROOT.accessKeyId,
  PORTCULLIS_ROOT_SECRET_ACCESS_KEY: ROOT.secretAccessKey,
};

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-faults-"));
const ackedUsers = new Set<string>();
const ackedKeys = new Set<string>();
let seq = 0;

async function client(url: string, id: number, stopAt: number): Promise<void> {
  const iam = iamClient(url, ROOT);
  while (Date.now() < stopAt) {
    const name = `c${id}-${seq++}`;
    try {
      await iam.send(new CreateUserCommand({ UserName: name }));
      ackedUsers.add(name);
      const key = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
      if (key.AccessKey?.AccessKeyId) ackedKeys.add(key.AccessKey.AccessKeyId);
    } catch {
      return; // the server is gone: what was acknowledged is what counts
    }
  }
}

const figures = {
  missingUsers: 0,
  missingKeys: 0,
  keysWithoutUser: 0,
  usersOverKeyLimit: 0,
  devicesOverLimit: 0,
  changesWithoutRecord: 0,
  recordsWithoutChange: 0,
};

function check(): void {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const users = new Set(
      (db.prepare("select user_name from users").all() as Array<{ user_name: string }>).map(
        (r) => r.user_name,
      ),
    );
    const keys = new Set(
      (db.prepare("select access_key_id from access_keys").all() as Array<{ access_key_id: string }>).map(
        (r) => r.access_key_id,
      ),
    );
    for (const u of ackedUsers) if (!users.has(u)) figures.missingUsers++;
    for (const k of ackedKeys) if (!keys.has(k)) figures.missingKeys++;
    const one = (sql: string) => Number((db.prepare(sql).get() as { n: number }).n);
    figures.keysWithoutUser = one(
      "select count(*) as n from access_keys where user_id is not null and user_id not in (select user_id from users)",
    );
    figures.usersOverKeyLimit = one(
      "select count(*) as n from (select user_id from access_keys where user_id is not null group by user_id having count(*) > 2)",
    );
    figures.devicesOverLimit = one(
      "select count(*) as n from (select user_id from mfa_devices where user_id is not null group by user_id having count(*) > 8)",
    );
    const created = new Set(
      (
        db.prepare("select record from audit_events where event_name = 'CreateUser'").all() as Array<{
          record: string;
        }>
      )
        .map((r) => JSON.parse(r.record) as { errorCode?: string; requestParameters?: { userName?: string } })
        .filter((r) => !r.errorCode)
        .map((r) => r.requestParameters?.userName as string),
    );
    const fault = [...users].filter((u) => u.startsWith("c"));
    figures.changesWithoutRecord = fault.filter((u) => !created.has(u)).length;
    figures.recordsWithoutChange = [...created].filter((u) => !users.has(u)).length;
  } finally {
    db.close();
  }
}

const started = performance.now();
for (let round = 0; round < ROUNDS; round++) {
  const running = await serve(dataDir, env);
  const killAfter = 100 + Math.floor(Math.random() * 900);
  const clients = [0, 1, 2, 3].map((id) => client(running.url, id, Date.now() + 10_000));
  await new Promise((r) => setTimeout(r, killAfter));
  const exited = new Promise((resolve) => {
    running.child.removeAllListeners("exit");
    running.child.on("exit", resolve);
  });
  running.child.kill("SIGKILL");
  await exited;
  await Promise.all(clients);
  check();
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `${ROUNDS} SIGKILLs in ${seconds.toFixed(1)} s; ${ackedUsers.size} users and ${ackedKeys.size} keys acknowledged\n`,
);
for (const [name, value] of Object.entries(figures)) process.stdout.write(`  ${name.padEnd(22)} ${value}\n`);
const bad = Object.values(figures).some((v) => v !== 0);
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(bad ? 1 : 0);
