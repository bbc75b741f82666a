// End-to-end: console passwords (login profiles), ChangePassword and the account password policy,
// driven by the AWS SDK v3 against a real server: every policy rule with AWS's
// PasswordPolicyViolation, reuse prevention, hard expiry, reset-required, DeleteUser's conflict,
// account aliases, and the errors AWS documents.

import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  ChangePasswordCommand,
  CreateAccountAliasCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteAccountAliasCommand,
  DeleteAccountPasswordPolicyCommand,
  DeleteLoginProfileCommand,
  DeleteUserCommand,
  GetAccountPasswordPolicyCommand,
  GetLoginProfileCommand,
  ListAccountAliasesCommand,
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
const iam = () => running.iam;

const SELF_CHANGE = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a template
    { Effect: "Allow", Action: "iam:ChangePassword", Resource: "arn:aws:iam::*:user/${aws:username}" },
  ],
});

describe("login profiles", () => {
  test("create, get (never the password), update, delete; DeleteUser refuses while one exists", async () => {
    await iam().send(new CreateUserCommand({ UserName: "pw-alice" }));
    const created = await iam().send(
      new CreateLoginProfileCommand({
        UserName: "pw-alice",
        Password: "Correct-Horse-1",
        PasswordResetRequired: true,
      }),
    );
    assert.equal(created.LoginProfile?.UserName, "pw-alice");
    assert.equal(created.LoginProfile?.PasswordResetRequired, true);
    assert.ok(created.LoginProfile?.CreateDate instanceof Date);
    assert.deepEqual(Object.keys(created.LoginProfile ?? {}).sort(), [
      "CreateDate",
      "PasswordResetRequired",
      "UserName",
    ]);

    await expectAwsError(
      iam().send(new CreateLoginProfileCommand({ UserName: "pw-alice", Password: "Another-Pass-2" })),
      "EntityAlreadyExists",
      409,
      "Login Profile for user pw-alice already exists.",
    );
    const got = await iam().send(new GetLoginProfileCommand({ UserName: "pw-alice" }));
    assert.equal(got.LoginProfile?.PasswordResetRequired, true);

    await iam().send(new UpdateLoginProfileCommand({ UserName: "pw-alice", PasswordResetRequired: false }));
    assert.equal(
      (await iam().send(new GetLoginProfileCommand({ UserName: "pw-alice" }))).LoginProfile
        ?.PasswordResetRequired,
      false,
    );

    await expectAwsError(
      iam().send(new DeleteUserCommand({ UserName: "pw-alice" })),
      "DeleteConflict",
      409,
      "Cannot delete entity, must delete login profile first.",
    );
    await iam().send(new DeleteLoginProfileCommand({ UserName: "pw-alice" }));
    await expectAwsError(
      iam().send(new GetLoginProfileCommand({ UserName: "pw-alice" })),
      "NoSuchEntity",
      404,
      "Login Profile for User pw-alice cannot be found.",
    );
    await expectAwsError(
      iam().send(new DeleteLoginProfileCommand({ UserName: "pw-alice" })),
      "NoSuchEntity",
      404,
    );
    await iam().send(new DeleteUserCommand({ UserName: "pw-alice" }));
    await expectAwsError(
      iam().send(new CreateLoginProfileCommand({ UserName: "pw-alice", Password: "Whatever-123" })),
      "NoSuchEntity",
      404,
      "The user with name pw-alice cannot be found.",
    );
  });

  test("without a policy, passwords need 8 characters", async () => {
    await iam().send(new CreateUserCommand({ UserName: "pw-short" }));
    await expectAwsError(
      iam().send(new CreateLoginProfileCommand({ UserName: "pw-short", Password: "short" })),
      "PasswordPolicyViolation",
      400,
      "Password should meet 1 more of the following requirements: Password should have a minimum length of 8",
    );
  });
});

describe("account password policy", () => {
  test("absent, then set with AWS's defaults for what is left out, then deleted", async () => {
    await expectAwsError(
      iam().send(new GetAccountPasswordPolicyCommand({})),
      "NoSuchEntity",
      404,
      `The Password Policy with domain name ${TEST_ACCOUNT_ID} cannot be found.`,
    );
    await iam().send(new UpdateAccountPasswordPolicyCommand({ RequireNumbers: true }));
    const got = await iam().send(new GetAccountPasswordPolicyCommand({}));
    assert.deepEqual(got.PasswordPolicy, {
      MinimumPasswordLength: 8,
      RequireSymbols: false,
      RequireNumbers: true,
      RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: false,
      ExpirePasswords: false,
      HardExpiry: false,
    });
    await iam().send(
      new UpdateAccountPasswordPolicyCommand({ MaxPasswordAge: 90, PasswordReusePrevention: 3 }),
    );
    const later = await iam().send(new GetAccountPasswordPolicyCommand({}));
    assert.equal(later.PasswordPolicy?.RequireNumbers, false, "a full replacement, not a merge");
    assert.equal(later.PasswordPolicy?.ExpirePasswords, true);
    assert.equal(later.PasswordPolicy?.MaxPasswordAge, 90);
    assert.equal(later.PasswordPolicy?.PasswordReusePrevention, 3);
    await iam().send(new DeleteAccountPasswordPolicyCommand({}));
    await expectAwsError(iam().send(new GetAccountPasswordPolicyCommand({})), "NoSuchEntity", 404);
    await expectAwsError(iam().send(new DeleteAccountPasswordPolicyCommand({})), "NoSuchEntity", 404);
  });

  test("ranges are the model's: MinimumPasswordLength 6–128, MaxPasswordAge 1–1095, reuse 1–24", async () => {
    for (const bad of [
      { MinimumPasswordLength: 5 },
      { MinimumPasswordLength: 129 },
      { MaxPasswordAge: 0 },
      { MaxPasswordAge: 1096 },
      { PasswordReusePrevention: 0 },
      { PasswordReusePrevention: 25 },
    ]) {
      await expectAwsError(iam().send(new UpdateAccountPasswordPolicyCommand(bad)), "ValidationError", 400);
    }
  });

  test("every character rule, each with AWS's message, all failures listed together", async () => {
    await iam().send(
      new UpdateAccountPasswordPolicyCommand({
        MinimumPasswordLength: 12,
        RequireSymbols: true,
        RequireNumbers: true,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true,
      }),
    );
    await iam().send(new CreateUserCommand({ UserName: "pw-rules" }));
    const cases: [string, string[]][] = [
      ["Abcdefghijk1!", []],
      ["Abc1!", ["Password should have a minimum length of 12"]],
      ["ABCDEFGHIJK1!", ["Password should have at least one lowercase letter"]],
      ["abcdefghijk1!", ["Password should have at least one uppercase letter"]],
      ["Abcdefghijkl!", ["Password should have at least one number"]],
      ["Abcdefghijkl1", ["Password should have at least one symbol"]],
      [
        "abcdefgh",
        [
          "Password should have a minimum length of 12",
          "Password should have at least one uppercase letter",
          "Password should have at least one number",
          "Password should have at least one symbol",
        ],
      ],
    ];
    await iam().send(new CreateLoginProfileCommand({ UserName: "pw-rules", Password: "Zyxwvutsrqp9$" }));
    for (const [password, failures] of cases) {
      const call = iam().send(new UpdateLoginProfileCommand({ UserName: "pw-rules", Password: password }));
      if (failures.length === 0) {
        await call;
        continue;
      }
      await expectAwsError(
        call,
        "PasswordPolicyViolation",
        400,
        `Password should meet ${failures.length} more of the following requirements: ${failures.join(", ")}`,
      );
    }
    await iam().send(new DeleteAccountPasswordPolicyCommand({}));
  });
});

describe("ChangePassword", () => {
  test("the user changes its own password: old one checked, reuse refused, reset cleared", async () => {
    const creds = await createUserWithKey(running.server.url, "pw-self");
    await iam().send(
      new PutUserPolicyCommand({ UserName: "pw-self", PolicyName: "self", PolicyDocument: SELF_CHANGE }),
    );
    await iam().send(
      new CreateLoginProfileCommand({
        UserName: "pw-self",
        Password: "First-Pass-01",
        PasswordResetRequired: true,
      }),
    );
    const self = iamClient(running.server.url, creds);
    await expectAwsError(
      self.send(new ChangePasswordCommand({ OldPassword: "wrong-password", NewPassword: "Second-Pass-02" })),
      "AccessDenied",
      403,
    );
    await self.send(
      new ChangePasswordCommand({ OldPassword: "First-Pass-01", NewPassword: "Second-Pass-02" }),
    );
    const profile = await iam().send(new GetLoginProfileCommand({ UserName: "pw-self" }));
    assert.equal(profile.LoginProfile?.PasswordResetRequired, false);
    await expectAwsError(
      self.send(new ChangePasswordCommand({ OldPassword: "First-Pass-01", NewPassword: "Third-Pass-03" })),
      "AccessDenied",
      403,
    );

    await iam().send(new UpdateAccountPasswordPolicyCommand({ PasswordReusePrevention: 2 }));
    await expectAwsError(
      self.send(new ChangePasswordCommand({ OldPassword: "Second-Pass-02", NewPassword: "First-Pass-01" })),
      "PasswordPolicyViolation",
      400,
      /previous passwords/,
    );
    await expectAwsError(
      self.send(new ChangePasswordCommand({ OldPassword: "Second-Pass-02", NewPassword: "Second-Pass-02" })),
      "PasswordPolicyViolation",
      400,
    );
    await self.send(
      new ChangePasswordCommand({ OldPassword: "Second-Pass-02", NewPassword: "Third-Pass-03" }),
    );
    await self.send(
      new ChangePasswordCommand({ OldPassword: "Third-Pass-03", NewPassword: "Fourth-Pass-04" }),
    );
    // Two remembered: First-Pass-01 has fallen out of the window (Third and Second are in it).
    await self.send(
      new ChangePasswordCommand({ OldPassword: "Fourth-Pass-04", NewPassword: "First-Pass-01" }),
    );
    await iam().send(new DeleteAccountPasswordPolicyCommand({}));
  });

  test("needs iam:ChangePassword; the root is not an IAM user", async () => {
    const creds = await createUserWithKey(running.server.url, "pw-nopolicy");
    await iam().send(new CreateLoginProfileCommand({ UserName: "pw-nopolicy", Password: "First-Pass-01" }));
    await expectAwsError(
      iamClient(running.server.url, creds).send(
        new ChangePasswordCommand({ OldPassword: "First-Pass-01", NewPassword: "Second-Pass-02" }),
      ),
      "AccessDenied",
      403,
      /iam:ChangePassword/,
    );
    await expectAwsError(
      iam().send(new ChangePasswordCommand({ OldPassword: "First-Pass-01", NewPassword: "Second-Pass-02" })),
      "InvalidUserType",
      400,
    );
  });
});

describe("account aliases", () => {
  test("one alias, replaced by the next, listed, deleted; the pattern is AWS's", async () => {
    assert.deepEqual((await iam().send(new ListAccountAliasesCommand({}))).AccountAliases, []);
    await iam().send(new CreateAccountAliasCommand({ AccountAlias: "my-org" }));
    await iam().send(new CreateAccountAliasCommand({ AccountAlias: "my-org-2" }));
    const listed = await iam().send(new ListAccountAliasesCommand({}));
    assert.deepEqual(listed.AccountAliases, ["my-org-2"]);
    assert.equal(listed.IsTruncated, false);
    await expectAwsError(
      iam().send(new CreateAccountAliasCommand({ AccountAlias: "Bad_Alias" })),
      "ValidationError",
      400,
    );
    await expectAwsError(
      iam().send(new CreateAccountAliasCommand({ AccountAlias: "a--b" })),
      "ValidationError",
      400,
    );
    await expectAwsError(
      iam().send(new DeleteAccountAliasCommand({ AccountAlias: "my-org" })),
      "NoSuchEntity",
      404,
    );
    await iam().send(new DeleteAccountAliasCommand({ AccountAlias: "my-org-2" }));
    assert.deepEqual((await iam().send(new ListAccountAliasesCommand({}))).AccountAliases, []);
  });
});
