// The console's analyzer page. The console is a client of the public API: it reads the account
// as any client would — every page of GetAccountAuthorizationDetails (no filter: users, groups,
// roles, local and AWS-managed policies in use) and the credential report (Generate, then Get) —
// as the signed-in principal, so those IAM actions authorize the page; then runs the analyzer
// over what it got. A refused call shows AWS's refusal instead of findings.

import { analyzeExports, stepText } from "../server/analyzeExports.ts";
import type { ApiResult } from "./ConsoleApi.ts";
import type { SafeHtml } from "./html.ts";
import { type FindingRow, findingsPage } from "./pages/findingsPage.ts";

export interface FindingsRouteTools<X> {
  call(x: X, action: string, params?: Record<string, string | undefined>): Promise<ApiResult>;
  page(x: X, title: string, body: SafeHtml): void;
  errorText(result: ApiResult & { ok: false }): string;
}

/** Pages of 1000 (the API's most), and no more than this many: an account larger than that is left for the CLI. */
const MAX_PAGES = 50;
/** GenerateCredentialReport may answer STARTED: asked again a few times before the report is read. */
const REPORT_ATTEMPTS = 10;

type Failure = ApiResult & { ok: false };

export function findingsRoutes<X>(tools: FindingsRouteTools<X>): Record<string, (x: X) => Promise<void>> {
  const authorizationDetails = async (x: X): Promise<unknown[] | Failure> => {
    const pages: unknown[] = [];
    let marker: string | undefined;
    for (let i = 0; i < MAX_PAGES; i++) {
      const r = await tools.call(x, "GetAccountAuthorizationDetails", { MaxItems: "1000", Marker: marker });
      if (!r.ok) return r;
      pages.push(r.result);
      if (r.result.IsTruncated !== "true" || typeof r.result.Marker !== "string") return pages;
      marker = r.result.Marker;
    }
    return pages;
  };

  const credentialReport = async (x: X): Promise<string | Failure> => {
    for (let i = 0; i < REPORT_ATTEMPTS; i++) {
      const generated = await tools.call(x, "GenerateCredentialReport");
      if (!generated.ok) return generated;
      if (generated.result.State === "COMPLETE") break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const report = await tools.call(x, "GetCredentialReport");
    if (!report.ok) return report;
    return Buffer.from(String(report.result.Content ?? ""), "base64").toString("utf8");
  };

  const showFindings = async (x: X) => {
    const refused = (r: Failure) =>
      tools.page(x, "Analyzer findings", findingsPage({ ok: false, message: tools.errorText(r) }));
    const details = await authorizationDetails(x);
    if (!Array.isArray(details)) return refused(details);
    const report = await credentialReport(x);
    if (typeof report !== "string") return refused(report);
    const findings = await analyzeExports(details, report, new Date());
    const rows: FindingRow[] = findings.map((f) => ({
      id: f.id,
      severity: f.severity,
      kind: f.kind,
      principal: f.principal,
      method: f.method,
      target: f.target,
      steps: f.path.map(stepText),
      remediation: f.remediation,
    }));
    tools.page(x, "Analyzer findings", findingsPage({ ok: true, rows }));
  };

  return { "GET /console/findings": showFindings };
}
