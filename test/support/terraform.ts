// Runs Terraform, a real client in another process, against a test server: the AWS provider from
// this machine's filesystem mirror (no network), a CLI config and working folder of its own, the
// given credentials and nothing from the environment, and a time limit on every command. Suites
// that need it say they were skipped, and why, on a machine without Terraform or the mirror.

import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { Credentials } from "./awsClients.ts";

const run = promisify(execFile);

/** The provider version the configurations pin, which the mirror must hold. */
export const AWS_PROVIDER_VERSION = "5.100.0";

const MIRROR = process.env.PORTCULLIS_TERRAFORM_MIRROR ?? "/opt/tf-plugins";
const PROVIDER_DIR = path.join(MIRROR, "registry.terraform.io/hashicorp/aws", AWS_PROVIDER_VERSION);

/** Why Terraform cannot run here, or undefined when it can. */
export async function terraformMissing(): Promise<string | undefined> {
  try {
    await run("terraform", ["version"], { env: { PATH: process.env.PATH ?? "", CHECKPOINT_DISABLE: "1" } });
  } catch {
    return "terraform not found (no `terraform` on PATH)";
  }
  if (!fs.existsSync(PROVIDER_DIR)) {
    return `terraform not found (no AWS provider ${AWS_PROVIDER_VERSION} in the filesystem mirror ${MIRROR})`;
  }
  return undefined;
}

export interface TerraformResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface TerraformWorkspace {
  readonly dir: string;
  /** `terraform ARGS… -input=false -no-color`; its exit code and output, whatever the code. */
  run(args: readonly string[], timeoutMs?: number): Promise<TerraformResult>;
  /** `run` for a command that must exit 0: its stdout, or an error showing stdout and stderr. */
  ok(args: readonly string[], timeoutMs?: number): Promise<string>;
}

/** A temporary working folder holding a copy of `configDir`'s `.tf` files, run with `credentials`. */
export function terraformWorkspace(configDir: string, credentials: Credentials): TerraformWorkspace {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-terraform-"));
  for (const file of fs.readdirSync(configDir).filter((f) => f.endsWith(".tf"))) {
    fs.copyFileSync(path.join(configDir, file), path.join(dir, file));
  }
  const cliConfig = path.join(dir, "cli.tfrc");
  fs.writeFileSync(
    cliConfig,
    `provider_installation {
  filesystem_mirror {
    path    = ${JSON.stringify(MIRROR)}
    include = ["registry.terraform.io/*/*"]
  }
  direct {
    exclude = ["registry.terraform.io/*/*"]
  }
}
`,
  );
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: dir,
    TF_CLI_CONFIG_FILE: cliConfig,
    TF_IN_AUTOMATION: "1",
    CHECKPOINT_DISABLE: "1",
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { AWS_SESSION_TOKEN: credentials.sessionToken } : {}),
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_MAX_ATTEMPTS: "1",
  };
  const workspace: TerraformWorkspace = {
    dir,
    // Each command starts the provider several times; on a busy two-core machine an apply can
    // take well over a minute, so the bound is generous.
    async run(args, timeoutMs = 240_000) {
      try {
        const { stdout, stderr } = await run("terraform", [...args, "-input=false", "-no-color"], {
          cwd: dir,
          env,
          timeout: timeoutMs,
          killSignal: "SIGKILL",
          maxBuffer: 64 * 1024 * 1024,
        });
        return { code: 0, stdout, stderr };
      } catch (err) {
        const failed = err as { code?: number | string; killed?: boolean; stdout?: string; stderr?: string };
        const stderr = `${failed.stderr ?? ""}${failed.killed ? `\n(killed after ${timeoutMs} ms)` : ""}`;
        return {
          code: typeof failed.code === "number" ? failed.code : -1,
          stdout: failed.stdout ?? "",
          stderr,
        };
      }
    },
    async ok(args, timeoutMs) {
      const result = await workspace.run(args, timeoutMs);
      if (result.code !== 0) {
        throw new Error(
          `terraform ${args.join(" ")} exited ${result.code}\n--- stderr\n${result.stderr}\n--- stdout\n${result.stdout}`,
        );
      }
      return result.stdout;
    },
  };
  return workspace;
}
