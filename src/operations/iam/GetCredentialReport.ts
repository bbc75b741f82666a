// GetCredentialReport: the stored report as CSV (base64 on the wire: the model's blob), or AWS's
// ReportNotPresent / ReportExpired.

import { ReportExpired, ReportNotPresent } from "../../domain/errors/iamErrors.ts";
import type { GetCredentialReportResponse } from "../../generated/iam/iamShapes.ts";
import { defineOperation } from "../Operation.ts";
import { CREDENTIAL_REPORT_LIFETIME_MS } from "./buildCredentialReport.ts";
import { ACCOUNT_RESOURCE } from "./passwordPolicyShape.ts";

export const GetCredentialReport = defineOperation<void, GetCredentialReportResponse>({
  service: "iam",
  name: "GetCredentialReport",
  action: "iam:GetCredentialReport",
  mutating: false,
  resource: () => ACCOUNT_RESOURCE,
  async execute(_input, { caller, store, now }) {
    const stored = await store.credentialReports.get(caller.accountId);
    // AWS wording unconfirmed (both messages)
    if (!stored)
      throw new ReportNotPresent("Unable to find credential report. Call GenerateCredentialReport first.");
    if (now.getTime() - stored.generatedTime.getTime() >= CREDENTIAL_REPORT_LIFETIME_MS) {
      throw new ReportExpired(
        "The credential report has expired. Call GenerateCredentialReport to generate a new one.",
      );
    }
    return {
      Content: new Uint8Array(Buffer.from(stored.content, "utf8")),
      ReportFormat: "text/csv",
      GeneratedTime: stored.generatedTime,
    };
  },
});
