// End-to-end with Terraform and the AWS provider (where the machine has them): a configuration of
// users, keys, groups, roles, policies and an instance profile applies, a second provider creates a
// user through AssumeRole, a fresh plan finds nothing to change (every read answers as AWS would),
// and destroy leaves nothing behind.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import {
  GetGroupCommand,
  GetInstanceProfileCommand,
  GetPolicyCommand,
  GetRoleCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListAttachedGroupPoliciesCommand,
  ListGroupsCommand,
  ListInstanceProfilesCommand,
  ListPoliciesCommand,
  ListRolesCommand,
  ListUsersCommand,
} from "@aws-sdk/client-iam";
import { ROOT_KEY, TEST_ACCOUNT_ID } from "../support/startTestServer.ts";
import { type TerraformWorkspace, terraformMissing, terraformWorkspace } from "../support/terraform.ts";
import { useTestServer } from "../support/useTestServer.ts";

const CONFIG_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "terraform");
const missing = await terraformMissing();

if (missing) {
  test("Terraform: users, groups, roles, instance profiles and AssumeRole", (t) => {
    t.diagnostic(`skipped: ${missing}`);
  });
} else {
  describe("Terraform: users, groups, roles, instance profiles and AssumeRole", () => {
    const running = useTestServer();
    let tf: TerraformWorkspace | undefined;
    const workspace = () => {
      tf ??= terraformWorkspace(CONFIG_DIR, ROOT_KEY);
      return tf;
    };
    const vars = (stage2: boolean) => [`-var=endpoint=${running.server.url}`, `-var=enable_stage2=${stage2}`];
    const arn = (resource: string) => `arn:aws:iam::${TEST_ACCOUNT_ID}:${resource}`;

    after(() => {
      if (tf) fs.rmSync(tf.dir, { recursive: true, force: true });
    });

    test("init installs the provider from the mirror", async () => {
      await workspace().ok(["init"]);
    });

    test("stage 1 applies, and the server holds what the configuration says", async () => {
      await workspace().ok(["apply", "-auto-approve", ...vars(false)]);
      const { iam } = running;

      const alice = (await iam.send(new GetUserCommand({ UserName: "tf-alice" }))).User;
      assert.equal(alice?.Arn, arn("user/engineering/tf-alice"));
      assert.deepEqual(alice?.Tags?.map((t) => `${t.Key}=${t.Value}`).sort(), [
        "cost=42",
        "stage=1",
        "team=red",
      ]);
      const keys = await iam.send(new ListAccessKeysCommand({ UserName: "tf-alice" }));
      assert.equal(keys.AccessKeyMetadata?.length, 1);

      const developers = await iam.send(new GetGroupCommand({ GroupName: "tf-developers" }));
      assert.deepEqual(developers.Users?.map((u) => u.UserName).sort(), ["tf-alice", "tf-bob"]);
      const auditorPolicies = await iam.send(
        new ListAttachedGroupPoliciesCommand({ GroupName: "tf-auditors" }),
      );
      assert.deepEqual(
        auditorPolicies.AttachedPolicies?.map((p) => p.PolicyArn),
        ["arn:aws:iam::aws:policy/IAMReadOnlyAccess"],
      );

      const app = (await iam.send(new GetRoleCommand({ RoleName: "tf-app" }))).Role;
      assert.equal(app?.Path, "/service/");
      assert.equal(app?.MaxSessionDuration, 3600);
      assert.equal(app?.PermissionsBoundary?.PermissionsBoundaryArn, arn("policy/tf-boundary"));
      assert.equal(app?.Description, "Application role");
      const profile = await iam.send(
        new GetInstanceProfileCommand({ InstanceProfileName: "tf-app-profile" }),
      );
      assert.deepEqual(
        profile.InstanceProfile?.Roles?.map((r) => r.RoleName),
        ["tf-app"],
      );
    });

    test("stage 2 creates a user through a provider that assumes a role, and updates in place", async () => {
      // The fresh plan below refreshes everything; this apply need not read it all back first.
      await workspace().ok(["apply", "-auto-approve", "-refresh=false", ...vars(true)]);
      const { iam } = running;
      const deployed = (await iam.send(new GetUserCommand({ UserName: "tf-deployed" }))).User;
      assert.equal(deployed?.Arn, arn("user/deployed/tf-deployed"));
      const records = await running.server.server.data.store.audit.query({ eventName: "CreateUser" });
      const created = records.find(
        (r) => (r.requestParameters as { userName?: string } | null)?.userName === "tf-deployed",
      );
      assert.equal(
        created?.userIdentity.arn,
        `arn:aws:sts::${TEST_ACCOUNT_ID}:assumed-role/tf-deployer/terraform-stage2`,
      );

      const app = (await iam.send(new GetRoleCommand({ RoleName: "tf-app" }))).Role;
      assert.equal(app?.MaxSessionDuration, 7200);
      assert.equal(app?.Description, "Application role, stage 2");
      assert.deepEqual(app?.Tags?.map((t) => `${t.Key}=${t.Value}`).sort(), ["app=web", "env=prod"]);
      const alice = (await iam.send(new GetUserCommand({ UserName: "tf-alice" }))).User;
      assert.deepEqual(alice?.Tags?.map((t) => `${t.Key}=${t.Value}`).sort(), [
        "cost=42",
        "stage=2",
        "team=blue",
      ]);
      const policy = await iam.send(
        new GetPolicyCommand({ PolicyArn: arn("policy/engineering/tf-read-users") }),
      );
      assert.equal(policy.Policy?.DefaultVersionId, "v2");
      const bobKeys = await iam.send(new ListAccessKeysCommand({ UserName: "tf-bob" }));
      assert.deepEqual(
        bobKeys.AccessKeyMetadata?.map((k) => k.Status),
        ["Inactive"],
      );
    });

    test("a fresh plan finds no changes", async () => {
      const plan = await workspace().run(["plan", "-detailed-exitcode", ...vars(true)]);
      assert.equal(plan.code, 0, `plan wants changes (exit ${plan.code}):\n${plan.stdout}\n${plan.stderr}`);
    });

    test("destroy removes everything the configuration created", async () => {
      // The plan before has just refreshed the state and found it current.
      await workspace().ok(["destroy", "-auto-approve", "-refresh=false", ...vars(true)]);
      const { iam } = running;
      assert.deepEqual((await iam.send(new ListUsersCommand({}))).Users, []);
      assert.deepEqual((await iam.send(new ListGroupsCommand({}))).Groups, []);
      assert.deepEqual((await iam.send(new ListRolesCommand({}))).Roles, []);
      assert.deepEqual((await iam.send(new ListPoliciesCommand({ Scope: "Local" }))).Policies, []);
      assert.deepEqual((await iam.send(new ListInstanceProfilesCommand({}))).InstanceProfiles, []);
    });

    test("no call Terraform made was unimplemented or a server fault", async () => {
      // Records of reads are buffered and written once a second.
      await sleep(1500);
      const records = await running.server.server.data.store.audit.query({});
      const faults = records
        .filter((r) => r.errorCode && (r.errorCode === "NotImplemented" || /Failure$/.test(r.errorCode)))
        .map((r) => `${r.eventName}: ${r.errorCode} ${r.errorMessage ?? ""}`);
      assert.deepEqual(faults, []);
    });
  });
}
