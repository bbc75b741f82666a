// The bulletin's account on a test server, for the analyzer's end-to-end tests: alice with a
// long-term key and AWS's self-service MFA policy (more allowed once MFA is present, as the
// analyzer conformance case holds it), and, if asked, her first MFA device enrolled by herself.

import fs from "node:fs";
import path from "node:path";
import {
  AttachUserPolicyCommand,
  CreatePolicyCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
} from "@aws-sdk/client-iam";
import { iamClient } from "./awsClients.ts";
import { createUserWithKey } from "./createUserWithKey.ts";
import { ROOT_KEY, TEST_ACCOUNT_ID } from "./startTestServer.ts";
import { VirtualMfaApp } from "./virtualMfa.ts";

const bulletin = JSON.parse(
  fs.readFileSync(
    path.join(import.meta.dirname, "..", "conformance", "analyzer", "cases", "mfa-bypass-first-device.json"),
    "utf8",
  ),
);
/** AWS's self-service MFA policy with more allowed under MFA. */
export const SELF_SERVICE_MFA_POLICY = JSON.stringify(
  bulletin.authorizationDetails.Policies[0].PolicyVersionList[0].Document,
);
export const ALICE_ARN = `arn:aws:iam::${TEST_ACCOUNT_ID}:user/alice`;

/** Builds the account; returns a way to enrol her first device with her own key. */
export async function buildBulletinAccount(url: string): Promise<{ enrolFirstDevice(): Promise<void> }> {
  const admin = iamClient(url, ROOT_KEY);
  const aliceKey = await createUserWithKey(url, "alice");
  const policy = await admin.send(
    new CreatePolicyCommand({ PolicyName: "SelfServiceMFA", PolicyDocument: SELF_SERVICE_MFA_POLICY }),
  );
  await admin.send(new AttachUserPolicyCommand({ UserName: "alice", PolicyArn: policy.Policy?.Arn }));
  return {
    async enrolFirstDevice() {
      const alice = iamClient(url, aliceKey);
      const device = await alice.send(
        new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "alice-phone" }),
      );
      const app = new VirtualMfaApp(device.VirtualMFADevice?.Base32StringSeed as Uint8Array);
      await alice.send(
        new EnableMFADeviceCommand({
          UserName: "alice",
          SerialNumber: device.VirtualMFADevice?.SerialNumber,
          ...app.consecutive(),
        }),
      );
    },
  };
}
