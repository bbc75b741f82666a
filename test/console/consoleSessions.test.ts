// Console sessions end on their own: after the idle timeout, at the credential's expiry (12 hours
// at most), and an anonymous one after a few minutes; a rotated session's old id is dead at once.
// They live in the store (a real SQLite file here): the id only as a hash, the state sealed, the
// idle clock written at most every so often.

import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { Sealer } from "../../src/auth/sealing/Sealer.ts";
import { ConsoleSessions, csrfTokenMatches } from "../../src/console/ConsoleSessions.ts";
import { ConsoleSessionVault, hashSessionId } from "../../src/server/ConsoleSessionVault.ts";
import type { ConsoleCredential } from "../../src/server/ConsoleSignIn.ts";
import type { Store } from "../../src/store/ports.ts";
import { openSqliteStore } from "../../src/store/sqlite/openSqliteStore.ts";

function credential(expiresAt: number): ConsoleCredential {
  return {
    accessKeyId: "ASIAEXAMPLEEXAMPLE01",
    secretAccessKey: "the-secret-access-key-never-in-the-clear",
    sessionToken: "the-session-token-never-in-the-clear",
    expiresAt: new Date(expiresAt),
  } as ConsoleCredential;
}

async function withSessions(
  idleTimeoutMs: number,
  fn: (sessions: ConsoleSessions, clock: { now: number }, store: Store) => Promise<void>,
) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-console-sessions-"));
  const store = await openSqliteStore(path.join(dir, "store.sqlite"));
  const clock = { now: 0 };
  try {
    const vault = new ConsoleSessionVault(store, new Sealer(randomBytes(32)));
    await fn(new ConsoleSessions(vault, idleTimeoutMs, () => clock.now), clock, store);
  } finally {
    await store.close();
  }
}

test("a signed-in session ends after the idle timeout, restarted by each use, and at the credential's expiry", () =>
  withSessions(60_000, async (sessions, clock) => {
    const anonymous = sessions.create();
    anonymous.flash = { kind: "error", text: "stored, so there is a row to replace" };
    await sessions.save(anonymous);
    const signed = sessions.rotate(anonymous, { credential: credential(12 * 3600_000) });
    await sessions.save(signed);
    const before = await sessions.get(anonymous.id);
    assert.equal(before?.credential, undefined, "the pre-sign-in id holds no credential");
    assert.equal(before?.flash, undefined, "nor what it held before: its row is gone");
    for (clock.now = 50_000; clock.now < 12 * 3600_000; clock.now += 50_000) {
      const s = await sessions.get(signed.id);
      assert.ok(s, `alive at ${clock.now}`);
      await sessions.save(s);
    }
    clock.now = 12 * 3600_000;
    assert.equal(await sessions.get(signed.id), undefined, "dead at the credential's expiry however active");

    clock.now = 0;
    const idle = sessions.rotate(sessions.create(), { credential: credential(12 * 3600_000) });
    await sessions.save(idle);
    clock.now = 59_999;
    const seen = await sessions.get(idle.id);
    assert.ok(seen);
    await sessions.save(seen);
    clock.now += 60_000;
    assert.equal(await sessions.get(idle.id), undefined, "dead after a minute idle");
  }));

test("an anonymous session lasts fifteen minutes; ending a session forgets it", () =>
  withSessions(3600_000, async (sessions, clock, store) => {
    const a = sessions.create();
    await sessions.save(a);
    clock.now = 15 * 60_000;
    assert.equal(await sessions.get(a.id), undefined);
    assert.equal(await store.consoleSessions.get(hashSessionId(a.id)), undefined, "its row is gone");
    const b = sessions.create();
    await sessions.save(b);
    b.flash = { kind: "info", text: "held in its row" };
    await sessions.save(b);
    await sessions.end(b, { sourceIp: "127.0.0.1", userAgent: "test" });
    assert.equal((await sessions.get(b.id))?.flash, undefined, "what it held is forgotten");
  }));

test("showing the sign-in form writes nothing; an anonymous id is good only as issued, for fifteen minutes", () =>
  withSessions(3600_000, async (sessions, clock, store) => {
    // Counted by sweeping everything (a date past every expiry): the store has no row count.
    const end = new Date("9999-12-31T00:00:00Z");
    const rows = () => store.consoleSessions.deleteExpired(end, end);
    for (let i = 0; i < 100; i++) await sessions.save(sessions.create());
    const a = sessions.create();
    await sessions.save(a);
    assert.equal(await rows(), 0, "a hundred anonymous sessions, not one row");
    // Another process knows it by its id alone, with the same CSRF token.
    clock.now = 14 * 60_000;
    const again = await sessions.get(a.id);
    assert.equal(again?.csrfToken, a.csrfToken);
    assert.ok(again && csrfTokenMatches(again, a.csrfToken));
    // A forged id (made-up time, or any other shape) is no session, and so has no token.
    const [, , random] = a.id.split(".");
    assert.equal(await sessions.get(`a.${(clock.now + 3600_000).toString(36)}.${random}`), undefined);
    assert.equal(await sessions.get(`a.${clock.now.toString(36)}.short`), undefined);
    assert.equal(await sessions.get("not-an-id"), undefined);
    clock.now = 15 * 60_000;
    assert.equal(await sessions.get(a.id), undefined, "fifteen minutes on, it has ended");
    // Holding something (a flash after a failed sign-in) is what makes a row.
    const b = sessions.create();
    b.flash = { kind: "error", text: "Your authentication information is incorrect." };
    await sessions.save(b);
    assert.equal(await rows(), 1);
  }));

test("the store holds a hash of the id and sealed state; an unchanged session's idle clock is written once a minute at most", () =>
  withSessions(3600_000, async (sessions, clock, store) => {
    const s = sessions.rotate(sessions.create(), { credential: credential(12 * 3600_000) });
    await sessions.save(s);
    const row = await store.consoleSessions.get(hashSessionId(s.id));
    assert.ok(row);
    const text = JSON.stringify(row);
    for (const secret of [s.id, s.csrfToken, "the-secret-access-key", "the-session-token"])
      assert.ok(!text.includes(secret), `the row does not hold ${secret}`);
    assert.equal(row.accessKeyId, "ASIAEXAMPLEEXAMPLE01");

    for (clock.now = 1_000; clock.now < 59_000; clock.now += 1_000) {
      const again = await sessions.get(s.id);
      assert.ok(again);
      await sessions.save(again);
    }
    assert.deepEqual(
      (await store.consoleSessions.get(hashSessionId(s.id)))?.lastSeenAt,
      new Date(0),
      "no write yet",
    );
    clock.now = 61_000;
    const later = await sessions.get(s.id);
    assert.ok(later);
    await sessions.save(later);
    assert.deepEqual((await store.consoleSessions.get(hashSessionId(s.id)))?.lastSeenAt, new Date(61_000));
  }));

test("the CSRF token is compared whole", () =>
  withSessions(3600_000, async (sessions) => {
    const session = sessions.create();
    assert.ok(csrfTokenMatches(session, session.csrfToken));
    assert.ok(!csrfTokenMatches(session, session.csrfToken.slice(0, -1)));
    assert.ok(!csrfTokenMatches(session, null));
  }));
