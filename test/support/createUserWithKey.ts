// Creates an IAM user as the test server's root and gives it an access key; returns the key as
// credentials for `iamClient`/`stsClient`.

import assert from "node:assert/strict";
import { CreateAccessKeyCommand, CreateUserCommand } from "@aws-sdk/client-iam";
import { type Credentials, iamClient } from "./awsClients.ts";
import { ROOT_KEY } from "./startTestServer.ts";

export async function createUserWithKey(url: string, userName: string): Promise<Credentials> {
  const root = iamClient(url, ROOT_KEY);
  await root.send(new CreateUserCommand({ UserName: userName }));
  const { AccessKey } = await root.send(new CreateAccessKeyCommand({ UserName: userName }));
  assert.ok(AccessKey?.AccessKeyId && AccessKey.SecretAccessKey);
  return { accessKeyId: AccessKey.AccessKeyId, secretAccessKey: AccessKey.SecretAccessKey };
}
