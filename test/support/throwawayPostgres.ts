// A throwaway PostgreSQL cluster for tests: initdb in a temp folder, one server on a free loopback
// port (socket in the same folder), stopped by its own pid when the tests end. It uses the
// machine's initdb/postgres (PATH, or Debian's /usr/lib/postgresql/<v>/bin); as root, where
// PostgreSQL refuses to run, it runs them as the `postgres` user (.ci/run creates it if missing).
// Suites skip, saying why, when no PostgreSQL can be started.

import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

export const POSTGRES_MISSING =
  "no PostgreSQL could be started on this machine (initdb/postgres not found, or they failed); .ci/run installs Debian's postgresql";

export interface ThrowawayPostgres {
  /** The cluster's own `postgres` database, as a superuser: for what a test does to the server. */
  adminUrl: string;
  /** A new, empty database on the cluster (C collation), as a postgres:// URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

function findBinDir(): string | undefined {
  const candidates = (process.env.PATH ?? "").split(path.delimiter);
  const debian = "/usr/lib/postgresql";
  if (fs.existsSync(debian)) {
    for (const v of fs.readdirSync(debian).sort().reverse()) candidates.push(path.join(debian, v, "bin"));
  }
  return candidates.find((dir) => dir && fs.existsSync(path.join(dir, "initdb")));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function asPostgresUser(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const { stdout: uid } = await run("id", ["-u", "postgres"]);
  const { stdout: gid } = await run("id", ["-g", "postgres"]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Set by `.ci/run` to the admin URL of the cluster it started: tests then share it. */
export const CI_POSTGRES_ENV = "PORTCULLIS_TEST_POSTGRES_URL";

/** New databases on the cluster `admin` (its `postgres` database) reaches. */
function clusterAt(admin: string, stop: () => Promise<void>): ThrowawayPostgres {
  return {
    adminUrl: admin,
    async createDatabase() {
      const name = `t_${randomBytes(6).toString("hex")}`;
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      try {
        await client.query(`create database ${name}`);
      } finally {
        await client.end();
      }
      const url = new URL(admin);
      url.pathname = `/${name}`;
      return url.toString();
    },
    stop,
  };
}

/**
 * The cluster `.ci/run` started (its owner stops it), else one of this process's own, or
 * undefined (the suite then skips with POSTGRES_MISSING).
 */
export async function startThrowawayPostgres(): Promise<ThrowawayPostgres | undefined> {
  const shared = process.env[CI_POSTGRES_ENV];
  if (shared) return clusterAt(shared, async () => {});
  return startOwnCluster();
}

/**
 * For a test file's suites: the cluster they run on, and their `skip` option (the reason, when
 * there is none). `cluster` is only read inside the suites, which do not run without one.
 */
export async function postgresForSuites(): Promise<{ cluster: ThrowawayPostgres; skip: string | false }> {
  const cluster = await startThrowawayPostgres();
  return cluster ? { cluster, skip: false } : { cluster: undefined as never, skip: POSTGRES_MISSING };
}

/** initdb in a temp folder and a server on a free loopback port; `stop` ends it by its pid. */
export async function startOwnCluster(): Promise<
  (ThrowawayPostgres & { pid: number; dir: string }) | undefined
> {
  const bin = findBinDir();
  if (!bin) return undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-pg-"));
  const data = path.join(dir, "data");
  const port = await freePort();
  try {
    const owner = await asPostgresUser();
    if (owner) fs.chownSync(dir, owner.uid, owner.gid);
    const opts = owner ? { uid: owner.uid, gid: owner.gid, cwd: dir } : { cwd: dir };
    await run(
      path.join(bin, "initdb"),
      ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"],
      opts,
    );
    await run(
      path.join(bin, "pg_ctl"),
      [
        "-D",
        data,
        "-l",
        path.join(dir, "server.log"),
        "-o",
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
        "-w",
        "start",
      ],
      opts,
    );
  } catch (err) {
    process.stderr.write(`throwaway PostgreSQL did not start: ${(err as Error).message}\n`);
    fs.rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  const pid = Number(fs.readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]);
  const admin = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const cluster = clusterAt(admin, async () => {
    // Fast shutdown by the postmaster's own pid; then the folder goes.
    if (alive(pid)) process.kill(pid, "SIGINT");
    for (let i = 0; i < 200 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { ...cluster, pid, dir };
}
