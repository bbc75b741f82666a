// Runs the AWS CLI, a real client in another process, against a test server, with a clean
// environment: only the given credentials, no config or credentials files, no retries. Suites
// that need it skip, saying why, on a machine without `aws`.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { Credentials } from "./awsClients.ts";

const run = promisify(execFile);

/** The skip reason of a suite that needs the AWS CLI. */
export const AWS_CLI_MISSING =
  "the AWS CLI (`aws`) is not installed on this machine; .ci/run installs Debian's awscli";

/** Whether `aws` runs on this machine. */
export async function awsCliAvailable(): Promise<boolean> {
  try {
    await run("aws", ["--version"]);
    return true;
  } catch {
    return false;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: the CLI's JSON output, read as each test expects it
export type AwsCliResult = { ok: true; json: any } | { ok: false; stderr: string };

/** `aws --endpoint-url URL --output json ARGS…`: the parsed output, or the CLI's stderr if it failed. */
export async function awsCli(
  url: string,
  credentials: Credentials,
  ...args: string[]
): Promise<AwsCliResult> {
  try {
    const { stdout } = await run("aws", ["--endpoint-url", url, "--output", "json", ...args], {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/tmp",
        AWS_ACCESS_KEY_ID: credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
        ...(credentials.sessionToken ? { AWS_SESSION_TOKEN: credentials.sessionToken } : {}),
        AWS_DEFAULT_REGION: "us-east-1",
        AWS_CONFIG_FILE: "/dev/null",
        AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
        AWS_MAX_ATTEMPTS: "1",
        AWS_RETRY_MODE: "standard",
      },
    });
    return { ok: true, json: stdout.trim() ? JSON.parse(stdout) : {} };
  } catch (err) {
    return { ok: false, stderr: String((err as { stderr?: string }).stderr ?? "") };
  }
}

/** `awsCli` for a call that must succeed: its parsed output, or the test fails with the CLI's stderr. */
// biome-ignore lint/suspicious/noExplicitAny: the CLI's JSON output, read as each test expects it
export async function awsCliJson(url: string, credentials: Credentials, ...args: string[]): Promise<any> {
  const out = await awsCli(url, credentials, ...args);
  assert.ok(out.ok, out.ok ? "" : out.stderr);
  return out.json;
}

/** Runs the CLI and fails the test, showing the CLI's stderr, unless it succeeds. */
// biome-ignore lint/suspicious/noExplicitAny: the CLI's JSON output, read as each test expects it
export async function awsCliOk(url: string, credentials: Credentials, ...args: string[]): Promise<any> {
  const out = await awsCli(url, credentials, ...args);
  if (!out.ok) throw new Error(`aws ${args.join(" ")} failed: ${out.stderr}`);
  return out.json;
}
