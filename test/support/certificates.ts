// Certificates for tests, made by the openssl command: a fresh self-signed one, and the helper
// that runs openssl in a scratch folder.

import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export async function openssl(dir: string, ...args: string[]): Promise<void> {
  await run("openssl", args, { cwd: dir });
}

/** A fresh self-signed certificate, valid from now for a day. */
export async function selfSigned(name: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-cert-"));
  try {
    const args = "req -x509 -newkey rsa:2048 -nodes -keyout k.pem -out c.pem -days 1".split(" ");
    await openssl(dir, ...args, "-subj", `/CN=${name}`);
    return fs.readFileSync(path.join(dir, "c.pem"), "utf8");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
