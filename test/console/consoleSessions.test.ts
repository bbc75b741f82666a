// Console sessions end on their own: after the idle timeout, at the credential's expiry (12 hours
// at most), and an anonymous one after a few minutes; a rotated session's old id is dead at once.

import assert from "node:assert/strict";
import { test } from "node:test";
import { ConsoleSessions, csrfTokenMatches } from "../../src/console/ConsoleSessions.ts";
import type { ConsoleCredential } from "../../src/server/ConsoleSignIn.ts";

function credential(expiresAt: number): ConsoleCredential {
  return { expiresAt: new Date(expiresAt) } as ConsoleCredential;
}

test("a signed-in session ends after the idle timeout, restarted by each use, and at the credential's expiry", () => {
  let now = 0;
  const sessions = new ConsoleSessions(60_000, () => now);
  const anonymous = sessions.create();
  const signed = sessions.rotate(anonymous, { credential: credential(12 * 3600_000) });
  assert.equal(sessions.get(anonymous.id), undefined, "the pre-sign-in id is dead");
  for (now = 50_000; now < 12 * 3600_000; now += 50_000)
    assert.ok(sessions.get(signed.id), `alive at ${now}`);
  assert.equal(sessions.get(signed.id), undefined, "dead at the credential's expiry however active");

  now = 0;
  const idle = sessions.rotate(sessions.create(), { credential: credential(12 * 3600_000) });
  now = 59_999;
  assert.ok(sessions.get(idle.id));
  now += 60_000;
  assert.equal(sessions.get(idle.id), undefined, "dead after a minute idle");
});

test("an anonymous session lasts fifteen minutes; ending a session forgets it", () => {
  let now = 0;
  const sessions = new ConsoleSessions(60_000, () => now);
  const a = sessions.create();
  now = 15 * 60_000;
  assert.equal(sessions.get(a.id), undefined);
  const b = sessions.create();
  sessions.end(b.id);
  assert.equal(sessions.get(b.id), undefined);
  assert.equal(sessions.size, 0);
});

test("the CSRF token is compared whole", () => {
  const session = new ConsoleSessions().create();
  assert.ok(csrfTokenMatches(session, session.csrfToken));
  assert.ok(!csrfTokenMatches(session, session.csrfToken.slice(0, -1)));
  assert.ok(!csrfTokenMatches(session, null));
});
