// End-to-end: SSH public keys and signing certificates with the AWS SDK v3 and the AWS CLI. Keys
// generated here (node:crypto) in the OpenSSH, SSH2 (RFC 4716) and PEM forms; certificates made by
// openssl (self-signed, and one that expired in 2020). Every limit and error AWS documents, the MD5
// fingerprint as AWS shows it, and the credential report's cert_* columns.

import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash, generateKeyPairSync, type KeyObject } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import {
  CreateUserCommand,
  DeleteSigningCertificateCommand,
  DeleteSSHPublicKeyCommand,
  DeleteUserCommand,
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  GetSSHPublicKeyCommand,
  ListSigningCertificatesCommand,
  ListSSHPublicKeysCommand,
  PutUserPolicyCommand,
  UpdateSigningCertificateCommand,
  UpdateSSHPublicKeyCommand,
  UploadSigningCertificateCommand,
  UploadSSHPublicKeyCommand,
} from "@aws-sdk/client-iam";
import { parse } from "csv-parse/sync";
import { awsCliJson } from "../support/awsCli.ts";
import { iamClient } from "../support/awsClients.ts";
import { createUserWithKey } from "../support/createUserWithKey.ts";
import { expectAwsError } from "../support/expectRefusal.ts";
import { makeKeyPair } from "../support/samlIdp.ts";
import { ROOT_KEY } from "../support/startTestServer.ts";
import { useTestServer } from "../support/useTestServer.ts";

const run = promisify(execFile);
const running = useTestServer();
const iam = () => running.iam;

function rsaKey(bits: number): KeyObject {
  return generateKeyPairSync("rsa", { modulusLength: bits }).publicKey;
}

/** The OpenSSH wire blob of an RSA public key, built independently of the server's code. */
function blob(key: KeyObject): Buffer {
  const jwk = key.export({ format: "jwk" });
  const field = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, b.length >> 8, b.length & 255]), b]);
  const mpint = (v = "") => {
    const raw = Buffer.from(v, "base64url");
    return field((raw[0] ?? 0) >= 0x80 ? Buffer.concat([Buffer.of(0), raw]) : raw);
  };
  return Buffer.concat([field(Buffer.from("ssh-rsa")), mpint(jwk.e), mpint(jwk.n)]);
}

const openssh = (key: KeyObject) => `ssh-rsa ${blob(key).toString("base64")} test@portcullis`;
const md5Fingerprint = (key: KeyObject) =>
  (createHash("md5").update(blob(key)).digest("hex").match(/../g) ?? []).join(":");
function rfc4716(key: KeyObject): string {
  const lines =
    blob(key)
      .toString("base64")
      .match(/.{1,70}/g) ?? [];
  return [
    "---- BEGIN SSH2 PUBLIC KEY ----",
    'Comment: "a long comment, \\',
    'continued on a second line"',
    ...lines,
    "---- END SSH2 PUBLIC KEY ----",
  ].join("\n");
}

async function openssl(dir: string, ...args: string[]): Promise<void> {
  await run("openssl", args, { cwd: dir });
}

/** A fresh self-signed certificate, valid from now (made by openssl, as the SAML test IdP makes its own). */
async function selfSigned(name: string): Promise<string> {
  return (await makeKeyPair(name)).certPem;
}

/** A self-signed certificate that expired on 2 January 2020 (openssl ca sets past dates). */
async function expiredCertificate(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "portcullis-cert-"));
  try {
    fs.writeFileSync(path.join(dir, "index.txt"), "");
    fs.writeFileSync(
      path.join(dir, "ca.cnf"),
      "[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\nnew_certs_dir=.\nrand_serial=yes\ndefault_md=sha256\npolicy=p\n[p]\ncommonName=supplied\n",
    );
    await openssl(
      dir,
      "req",
      "-new",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      "k.pem",
      "-out",
      "r.csr",
      "-subj",
      "/CN=expired",
    );
    await openssl(
      dir,
      "ca",
      "-config",
      "ca.cnf",
      "-selfsign",
      "-keyfile",
      "k.pem",
      "-in",
      "r.csr",
      "-startdate",
      "20200101000000Z",
      "-enddate",
      "20200102000000Z",
      "-batch",
      "-notext",
      "-out",
      "c.pem",
    );
    return fs.readFileSync(path.join(dir, "c.pem"), "utf8");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test("SSH keys: three forms, AWS's fingerprint, Get in both encodings, list, update, delete", async () => {
  await iam().send(new CreateUserCommand({ UserName: "ssh-user" }));
  const [k1, k2, k3] = [rsaKey(2048), rsaKey(3072), rsaKey(2048)] as [KeyObject, KeyObject, KeyObject];
  const up1 = await iam().send(
    new UploadSSHPublicKeyCommand({ UserName: "ssh-user", SSHPublicKeyBody: openssh(k1) }),
  );
  const key1 = up1.SSHPublicKey;
  assert.match(key1?.SSHPublicKeyId ?? "", /^APKA[A-Z0-9]{16}$/);
  assert.equal(key1?.Fingerprint, md5Fingerprint(k1));
  assert.equal(key1?.Status, "Active");
  assert.equal(key1?.UserName, "ssh-user");
  assert.ok(key1?.UploadDate instanceof Date);
  assert.equal(key1?.SSHPublicKeyBody, `ssh-rsa ${blob(k1).toString("base64")}`);
  const up2 = await iam().send(
    new UploadSSHPublicKeyCommand({ UserName: "ssh-user", SSHPublicKeyBody: rfc4716(k2) }),
  );
  assert.equal(up2.SSHPublicKey?.Fingerprint, md5Fingerprint(k2));
  const pem = String(k3.export({ format: "pem", type: "spki" }));
  const up3 = await iam().send(
    new UploadSSHPublicKeyCommand({ UserName: "ssh-user", SSHPublicKeyBody: pem }),
  );
  assert.equal(up3.SSHPublicKey?.Fingerprint, md5Fingerprint(k3));

  const id1 = key1?.SSHPublicKeyId ?? "";
  const asSsh = await iam().send(
    new GetSSHPublicKeyCommand({ UserName: "ssh-user", SSHPublicKeyId: id1, Encoding: "SSH" }),
  );
  assert.equal(asSsh.SSHPublicKey?.SSHPublicKeyBody, `ssh-rsa ${blob(k1).toString("base64")}`);
  const asPem = await iam().send(
    new GetSSHPublicKeyCommand({ UserName: "ssh-user", SSHPublicKeyId: id1, Encoding: "PEM" }),
  );
  assert.equal(
    asPem.SSHPublicKey?.SSHPublicKeyBody?.trim(),
    String(k1.export({ format: "pem", type: "spki" })).trim(),
  );

  const page1 = await iam().send(new ListSSHPublicKeysCommand({ UserName: "ssh-user", MaxItems: 2 }));
  assert.equal(page1.IsTruncated, true);
  const page2 = await iam().send(
    new ListSSHPublicKeysCommand({ UserName: "ssh-user", Marker: page1.Marker }),
  );
  assert.equal(page2.IsTruncated, false);
  const ids = [...(page1.SSHPublicKeys ?? []), ...(page2.SSHPublicKeys ?? [])].map((k) => k.SSHPublicKeyId);
  assert.deepEqual(ids, [id1, up2.SSHPublicKey?.SSHPublicKeyId, up3.SSHPublicKey?.SSHPublicKeyId]);

  await iam().send(
    new UpdateSSHPublicKeyCommand({ UserName: "ssh-user", SSHPublicKeyId: id1, Status: "Inactive" }),
  );
  const after = await iam().send(
    new GetSSHPublicKeyCommand({ UserName: "ssh-user", SSHPublicKeyId: id1, Encoding: "SSH" }),
  );
  assert.equal(after.SSHPublicKey?.Status, "Inactive");

  await expectAwsError(iam().send(new DeleteUserCommand({ UserName: "ssh-user" })), "DeleteConflict", 409);
  for (const id of ids)
    await iam().send(new DeleteSSHPublicKeyCommand({ UserName: "ssh-user", SSHPublicKeyId: id }));
  await expectAwsError(
    iam().send(new GetSSHPublicKeyCommand({ UserName: "ssh-user", SSHPublicKeyId: id1, Encoding: "SSH" })),
    "NoSuchEntity",
    404,
  );
  await iam().send(new DeleteUserCommand({ UserName: "ssh-user" }));
});

test("SSH keys: five per user, duplicates, short, non-RSA, malformed and unrecognized keys", async () => {
  await iam().send(new CreateUserCommand({ UserName: "ssh-limits" }));
  await iam().send(new CreateUserCommand({ UserName: "ssh-other" }));
  const keys = Array.from({ length: 5 }, () => rsaKey(2048));
  for (const k of keys)
    await iam().send(new UploadSSHPublicKeyCommand({ UserName: "ssh-limits", SSHPublicKeyBody: openssh(k) }));
  await expectAwsError(
    iam().send(
      new UploadSSHPublicKeyCommand({ UserName: "ssh-limits", SSHPublicKeyBody: openssh(rsaKey(2048)) }),
    ),
    "LimitExceeded",
    409,
    "Cannot exceed quota for SSHPublicKeysPerUser: 5",
  );
  const [first] = keys as [KeyObject];
  const listed = await iam().send(new ListSSHPublicKeysCommand({ UserName: "ssh-limits" }));
  await iam().send(
    new DeleteSSHPublicKeyCommand({
      UserName: "ssh-limits",
      SSHPublicKeyId: listed.SSHPublicKeys?.[4]?.SSHPublicKeyId,
    }),
  );
  // The same key again, in another form: the fingerprint is what counts.
  await expectAwsError(
    iam().send(new UploadSSHPublicKeyCommand({ UserName: "ssh-limits", SSHPublicKeyBody: rfc4716(first) })),
    "DuplicateSSHPublicKey",
    400,
  );
  // Another user may hold the same key.
  await iam().send(
    new UploadSSHPublicKeyCommand({ UserName: "ssh-other", SSHPublicKeyBody: openssh(first) }),
  );

  const ed25519 = generateKeyPairSync("ed25519").publicKey;
  const edBlob = Buffer.concat([
    Buffer.from([0, 0, 0, 11]),
    Buffer.from("ssh-ed25519"),
    Buffer.from([0, 0, 0, 32]),
    Buffer.from(ed25519.export({ format: "jwk" }).x ?? "", "base64url"),
  ]);
  for (const [body, code] of [
    [openssh(rsaKey(1024)), "InvalidPublicKey"],
    [`ssh-rsa ${edBlob.toString("base64")}`, "InvalidPublicKey"],
    [String(ed25519.export({ format: "pem", type: "spki" })), "InvalidPublicKey"],
    ["ssh-rsa AAAA!!notbase64", "InvalidPublicKey"],
    [`ssh-rsa ${blob(first).subarray(0, 40).toString("base64")}`, "InvalidPublicKey"],
    [`ssh-ed25519 ${edBlob.toString("base64")}`, "UnrecognizedPublicKeyEncoding"],
    ["just some text", "UnrecognizedPublicKeyEncoding"],
  ] as const) {
    await expectAwsError(
      iam().send(new UploadSSHPublicKeyCommand({ UserName: "ssh-other", SSHPublicKeyBody: body })),
      code,
      400,
    );
  }
  await expectAwsError(
    iam().send(new UploadSSHPublicKeyCommand({ UserName: "nobody", SSHPublicKeyBody: openssh(first) })),
    "NoSuchEntity",
    404,
  );
  await expectAwsError(
    iam().send(
      new UpdateSSHPublicKeyCommand({
        UserName: "ssh-other",
        SSHPublicKeyId: "APKAAAAAAAAAAAAAAAAA",
        Status: "Active",
      }),
    ),
    "NoSuchEntity",
    404,
  );
  // A key of another user is not found through this one.
  await expectAwsError(
    iam().send(
      new DeleteSSHPublicKeyCommand({
        UserName: "ssh-other",
        SSHPublicKeyId: listed.SSHPublicKeys?.[0]?.SSHPublicKeyId,
      }),
    ),
    "NoSuchEntity",
    404,
  );
});

test("SSH keys: a user manages its own, ListSSHPublicKeys without a name lists the caller's", async () => {
  const creds = await createUserWithKey(running.server.url, "ssh-self");
  const self = iamClient(running.server.url, creds);
  await expectAwsError(
    self.send(new ListSSHPublicKeysCommand({})),
    "AccessDenied",
    403,
    /iam:ListSSHPublicKeys/,
  );
  await iam().send(
    new PutUserPolicyCommand({
      UserName: "ssh-self",
      PolicyName: "own-keys",
      PolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: ["iam:*SSHPublicKey*"],
            // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable
            Resource: "arn:aws:iam::*:user/${aws:username}",
          },
        ],
      }),
    }),
  );
  const key = rsaKey(2048);
  await self.send(new UploadSSHPublicKeyCommand({ UserName: "ssh-self", SSHPublicKeyBody: openssh(key) }));
  const mine = await self.send(new ListSSHPublicKeysCommand({}));
  assert.equal(mine.SSHPublicKeys?.length, 1);
  assert.equal(mine.SSHPublicKeys?.[0]?.UserName, "ssh-self");
  await expectAwsError(
    self.send(
      new UploadSSHPublicKeyCommand({ UserName: "ssh-limits", SSHPublicKeyBody: openssh(rsaKey(2048)) }),
    ),
    "AccessDenied",
    403,
  );
});

test("signing certificates: upload, list, update, delete; two per user; every error; the report", async () => {
  await iam().send(new CreateUserCommand({ UserName: "cert-user" }));
  await iam().send(new CreateUserCommand({ UserName: "cert-other" }));
  const [c1, c2, c3] = await Promise.all([selfSigned("one"), selfSigned("two"), selfSigned("three")]);
  const up1 = await iam().send(
    new UploadSigningCertificateCommand({ UserName: "cert-user", CertificateBody: c1 }),
  );
  assert.match(up1.Certificate?.CertificateId ?? "", /^[A-Z0-9]{32}$/);
  assert.equal(up1.Certificate?.Status, "Active");
  assert.equal(up1.Certificate?.CertificateBody, c1.trim());
  assert.equal(up1.Certificate?.UserName, "cert-user");
  const up2 = await iam().send(
    new UploadSigningCertificateCommand({ UserName: "cert-user", CertificateBody: c2 }),
  );
  await expectAwsError(
    iam().send(new UploadSigningCertificateCommand({ UserName: "cert-user", CertificateBody: c3 })),
    "LimitExceeded",
    409,
    "Cannot exceed quota for SigningCertificatesPerUser: 2",
  );
  const damaged = c3.replace(/\n[A-Za-z0-9+/]{10}/, "\nAAAAAAAAAA");
  const refusedUploads: [string, string, number, string?][] = [
    [c1, "DuplicateCertificate", 409],
    [
      "not a certificate",
      "MalformedCertificate",
      400,
      "Unable to parse certificate. Please ensure the certificate is in PEM format.",
    ],
    [damaged, "MalformedCertificate", 400],
    [await expiredCertificate(), "InvalidCertificate", 400],
  ];
  for (const [body, code, status, message] of refusedUploads) {
    await expectAwsError(
      iam().send(new UploadSigningCertificateCommand({ UserName: "cert-other", CertificateBody: body })),
      code,
      status,
      message,
    );
  }

  const listed = await iam().send(new ListSigningCertificatesCommand({ UserName: "cert-user" }));
  assert.deepEqual(
    listed.Certificates?.map((c) => c.CertificateId),
    [up1.Certificate?.CertificateId, up2.Certificate?.CertificateId],
  );
  await iam().send(
    new UpdateSigningCertificateCommand({
      UserName: "cert-user",
      CertificateId: up1.Certificate?.CertificateId,
      Status: "Inactive",
    }),
  );

  await iam().send(new GenerateCredentialReportCommand({}));
  await iam().send(new GenerateCredentialReportCommand({}));
  const report = await iam().send(new GetCredentialReportCommand({}));
  const rows: string[][] = parse(Buffer.from(report.Content ?? new Uint8Array()).toString("utf8"));
  const header = rows[0] ?? [];
  const row = rows.find((r) => r[0] === "cert-user") ?? [];
  const col = (name: string) => row[header.indexOf(name)];
  assert.equal(col("cert_1_active"), "false");
  assert.match(col("cert_1_last_rotated") ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
  assert.equal(col("cert_2_active"), "true");
  assert.match(col("cert_2_last_rotated") ?? "", /\+00:00$/);

  await expectAwsError(
    iam().send(
      new DeleteSigningCertificateCommand({
        UserName: "cert-other",
        CertificateId: up1.Certificate?.CertificateId,
      }),
    ),
    "NoSuchEntity",
    404,
  );
  await iam().send(
    new DeleteSigningCertificateCommand({
      UserName: "cert-user",
      CertificateId: up1.Certificate?.CertificateId,
    }),
  );
  await iam().send(new UploadSigningCertificateCommand({ UserName: "cert-user", CertificateBody: c3 }));
  const again = await iam().send(new ListSigningCertificatesCommand({ UserName: "cert-user", MaxItems: 1 }));
  assert.equal(again.IsTruncated, true);
  assert.equal(again.Certificates?.[0]?.CertificateId, up2.Certificate?.CertificateId);
});

test("the AWS CLI: upload-ssh-public-key, list-ssh-public-keys, upload-signing-certificate", async () => {
  const url = running.server.url;
  await iam().send(new CreateUserCommand({ UserName: "cli-creds" }));
  const key = rsaKey(2048);
  const uploaded = await awsCliJson(
    url,
    ROOT_KEY,
    "iam",
    "upload-ssh-public-key",
    "--user-name",
    "cli-creds",
    "--ssh-public-key-body",
    openssh(key),
  );
  assert.equal(uploaded.SSHPublicKey.Fingerprint, md5Fingerprint(key));
  assert.equal(uploaded.SSHPublicKey.Status, "Active");
  const listed = await awsCliJson(url, ROOT_KEY, "iam", "list-ssh-public-keys", "--user-name", "cli-creds");
  assert.deepEqual(
    listed.SSHPublicKeys.map((k: { SSHPublicKeyId: string; Status: string }) => [k.SSHPublicKeyId, k.Status]),
    [[uploaded.SSHPublicKey.SSHPublicKeyId, "Active"]],
  );
  const cert = await selfSigned("cli");
  const out = await awsCliJson(
    url,
    ROOT_KEY,
    "iam",
    "upload-signing-certificate",
    "--user-name",
    "cli-creds",
    "--certificate-body",
    cert,
  );
  assert.match(out.Certificate.CertificateId, /^[A-Z0-9]{32}$/);
  assert.equal(out.Certificate.Status, "Active");
  const certs = await awsCliJson(
    url,
    ROOT_KEY,
    "iam",
    "list-signing-certificates",
    "--user-name",
    "cli-creds",
  );
  assert.equal(certs.Certificates[0].CertificateBody, cert.trim());
});
