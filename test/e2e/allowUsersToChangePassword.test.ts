// End-to-end: the password policy's AllowUsersToChangePassword lets an IAM user with no policy at
// all change its own password; without the setting the same call is AccessDenied; an explicit Deny
// on iam:ChangePassword refuses it either way; the setting gives no right over another user.

import { test } from "node:test";
import {
  ChangePasswordCommand,
  CreateLoginProfileCommand,
  PutUserPolicyCommand,
  UpdateAccountPasswordPolicyCommand,
  UpdateLoginProfileCommand,
} from "@aws-sdk/client-iam";
import { iamClient } from "../support/awsClients.ts";
import { createUserWithKey } from "../support/createUserWithKey.ts";
import { expectAwsError } from "../support/expectRefusal.ts";
import { TEST_ACCOUNT_ID } from "../support/startTestServer.ts";
import { useTestServer } from "../support/useTestServer.ts";

const running = useTestServer();

const setAllow = (allow: boolean) =>
  running.iam.send(
    new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 8, AllowUsersToChangePassword: allow }),
  );

async function userWithPassword(name: string) {
  const creds = await createUserWithKey(running.server.url, name);
  await running.iam.send(new CreateLoginProfileCommand({ UserName: name, Password: "Start-Pass-01" }));
  return iamClient(running.server.url, creds);
}

const change = (oldPassword: string, newPassword: string) =>
  new ChangePasswordCommand({ OldPassword: oldPassword, NewPassword: newPassword });

test("a user with no policies: allowed by the setting, refused without it", async () => {
  const self = await userWithPassword("acp-bare");
  await setAllow(true);
  await self.send(change("Start-Pass-01", "Second-Pass-02"));
  await setAllow(false);
  await expectAwsError(
    self.send(change("Second-Pass-02", "Third-Pass-03")),
    "AccessDenied",
    403,
    `User: arn:aws:iam::${TEST_ACCOUNT_ID}:user/acp-bare is not authorized to perform: iam:ChangePassword ` +
      `on resource: arn:aws:iam::${TEST_ACCOUNT_ID}:user/acp-bare because no identity-based policy allows the iam:ChangePassword action`,
  );
  // The old password is still checked when the setting is what allows the call.
  await setAllow(true);
  await expectAwsError(self.send(change("Start-Pass-01", "Third-Pass-03")), "AccessDenied", 403);
  await self.send(change("Second-Pass-02", "Third-Pass-03"));
});

test("an explicit Deny on iam:ChangePassword wins, with the setting on or off", async () => {
  const self = await userWithPassword("acp-denied");
  await running.iam.send(
    new PutUserPolicyCommand({
      UserName: "acp-denied",
      PolicyName: "no-password-change",
      PolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Deny", Action: "iam:ChangePassword", Resource: "*" }],
      }),
    }),
  );
  for (const allow of [true, false]) {
    await setAllow(allow);
    await expectAwsError(
      self.send(change("Start-Pass-01", "Second-Pass-02")),
      "AccessDenied",
      403,
      /with an explicit deny in an identity-based policy/,
    );
  }
});

test("the setting covers only the user's own password, not another user's login profile", async () => {
  const self = await userWithPassword("acp-other-a");
  await userWithPassword("acp-other-b");
  await setAllow(true);
  await expectAwsError(
    self.send(new UpdateLoginProfileCommand({ UserName: "acp-other-b", Password: "Taken-Over-01" })),
    "AccessDenied",
    403,
  );
});
