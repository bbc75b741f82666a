// GenerateCredentialReport: STARTED when a new report is made (generated synchronously here, so it
// is ready at once), COMPLETE when the stored one is under four hours old, as AWS answers.

import type { GenerateCredentialReportResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { buildCredentialReport, CREDENTIAL_REPORT_LIFETIME_MS } from "./buildCredentialReport.ts";
import { ACCOUNT_RESOURCE } from "./passwordPolicyShape.ts";

export const GenerateCredentialReport = defineOperation<void, GenerateCredentialReportResponse>({
  service: "iam",
  name: "GenerateCredentialReport",
  action: "iam:GenerateCredentialReport",
  mutating: true,
  resource: () => ACCOUNT_RESOURCE,
  async execute(_input, { caller, store, now }) {
    const stored = await store.credentialReports.get(caller.accountId);
    if (stored && now.getTime() - stored.generatedTime.getTime() < CREDENTIAL_REPORT_LIFETIME_MS) {
      return { State: "COMPLETE" };
    }
    const content = await buildCredentialReport(store, caller.accountId);
    await store.credentialReports.put(caller.accountId, { generatedTime: now, content });
    return { State: "STARTED", Description: "No report exists. Starting a new report generation task" };
  },
});
