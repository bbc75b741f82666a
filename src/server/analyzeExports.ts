// The analyzer over what a client gets from the API: GetAccountAuthorizationDetails pages and the
// credential report's CSV, as the console reads them (Query XML turned into plain values, so an
// empty list arrives as ""), run through the same parsers as AWS's own export files.

import { analyzeAccount } from "../analyzer/analyzeAccount.ts";
import type { Finding } from "../analyzer/Finding.ts";
import { parseAuthorizationDetails } from "../analyzer/parseAuthorizationDetails.ts";
import { parseCredentialReport, withCredentialReport } from "../analyzer/parseCredentialReport.ts";
import { loadActionCatalog } from "./loadActionCatalog.ts";

export { stepText } from "../analyzer/formatFindings.ts";
export type { Finding };

/** The lists of GetAccountAuthorizationDetails' answer, by member name. */
const LIST_KEYS = /List$|^(Policies|AttachedManagedPolicies|Tags|Roles)$/;

/** An empty XML list (read as "") back to the empty list the export file would hold. */
function withLists(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withLists);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, v === "" && LIST_KEYS.test(key) ? [] : withLists(v)]),
  );
}

export async function analyzeExports(
  authorizationDetailsPages: readonly unknown[],
  credentialReportCsv: string | undefined,
  now: Date,
): Promise<Finding[]> {
  const source = "GetAccountAuthorizationDetails";
  let snapshot = parseAuthorizationDetails(authorizationDetailsPages.map(withLists), source);
  if (credentialReportCsv !== undefined) {
    snapshot = withCredentialReport(
      snapshot,
      parseCredentialReport(credentialReportCsv, "GetCredentialReport"),
    );
  }
  return analyzeAccount(snapshot, { catalog: await loadActionCatalog(), now });
}
