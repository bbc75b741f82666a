// The analyzer on a generated account of 5,000 users, 1,000 roles and 2,000 policies (AWS's export
// format, with a credential report): time and peak RSS, beside the baseline of only parsing the
// export and compiling every policy once. Target: under 5 s and 1 GB.

import { AccountModel } from "../src/analyzer/AccountModel.ts";
import { analyzeAccount } from "../src/analyzer/analyzeAccount.ts";
import { parseAuthorizationDetails } from "../src/analyzer/parseAuthorizationDetails.ts";
import { parseCredentialReport, withCredentialReport } from "../src/analyzer/parseCredentialReport.ts";
import { loadActionCatalog } from "../src/cli/analyzeCommand.ts";

const A = "111122223333";
const USERS = 5000;
const ROLES = 1000;
const POLICIES = 2000;
const arn = (kind: string, name: string) => `arn:aws:iam::${A}:${kind}/${name}`;
const doc = (...Statement: object[]) => ({ Version: "2012-10-17", Statement });

function generate(): { details: string; report: string } {
  const services = ["s3", "ec2", "dynamodb", "sqs", "sns", "logs", "kms", "lambda"];
  const policies = [];
  for (let i = 0; i < POLICIES; i++) {
    const svc = services[i % services.length];
    // Most policies are scoped reads; every 50th lets its holder write a new version of itself.
    const statements: object[] = [
      { Effect: "Allow", Action: [`${svc}:Get*`, `${svc}:List*`], Resource: "*" },
    ];
    if (i % 50 === 0)
      statements.push({
        Effect: "Allow",
        Action: "iam:CreatePolicyVersion",
        Resource: arn("policy", `p${i}`),
      });
    if (i % 97 === 0)
      statements.push({
        Effect: "Allow",
        Action: `${svc}:*`,
        Resource: "*",
        Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
      });
    policies.push({
      PolicyName: `p${i}`,
      PolicyId: `ANPA${i}`,
      Arn: arn("policy", `p${i}`),
      Path: "/",
      DefaultVersionId: "v1",
      PolicyVersionList: [{ Document: doc(...statements), VersionId: "v1", IsDefaultVersion: true }],
    });
  }
  const users = [];
  const rows = [
    "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated",
  ];
  for (let i = 0; i < USERS; i++) {
    const attached = [i % POLICIES, (i * 7 + 3) % POLICIES].map((p) => ({
      PolicyName: `p${p}`,
      PolicyArn: arn("policy", `p${p}`),
    }));
    if (i % 1000 === 0)
      attached.push({
        PolicyName: "AdministratorAccess",
        PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
      });
    users.push({
      UserName: `u${i}`,
      UserId: `AIDA${i}`,
      Arn: arn("user", `u${i}`),
      Path: "/",
      GroupList: [],
      UserPolicyList: [],
      AttachedManagedPolicies: attached,
      Tags: [],
    });
    const mfa = i % 3 === 0 ? "true" : "false";
    rows.push(
      `u${i},${arn("user", `u${i}`)},2025-01-01T00:00:00+00:00,false,N/A,N/A,N/A,${mfa},true,2025-01-02T00:00:00+00:00,2026-01-20T00:00:00+00:00,us-east-1,s3,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A`,
    );
  }
  const roles = [];
  for (let i = 0; i < ROLES; i++) {
    const trust = doc({
      Effect: "Allow",
      Principal: { AWS: arn("user", `u${(i * 5) % USERS}`) },
      Action: "sts:AssumeRole",
    });
    roles.push({
      RoleName: `r${i}`,
      RoleId: `AROA${i}`,
      Arn: arn("role", `r${i}`),
      Path: "/",
      AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(trust)),
      RolePolicyList: [],
      AttachedManagedPolicies: [
        { PolicyName: `p${(i * 3) % POLICIES}`, PolicyArn: arn("policy", `p${(i * 3) % POLICIES}`) },
      ],
      InstanceProfileList: [],
      Tags: [],
    });
  }
  const details = JSON.stringify({
    UserDetailList: users,
    GroupDetailList: [],
    RoleDetailList: roles,
    Policies: policies,
  });
  return { details, report: `${rows.join("\n")}\n` };
}

let peak = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 20);

const catalog = await loadActionCatalog();
const { details, report } = generate();
const now = new Date("2026-02-01T00:00:00Z");

// The end-to-end figure: parse the export and the report, then analyse (which compiles anew).
const t0 = performance.now();
const snapshot = withCredentialReport(
  parseAuthorizationDetails(details, "generated"),
  parseCredentialReport(report, "generated"),
);
const parse = performance.now() - t0;
const t1 = performance.now();
const findings = analyzeAccount(snapshot, { catalog, now });
const analysis = performance.now() - t1;
peak = Math.max(peak, process.memoryUsage().rss);

// Baseline: only compile every principal's policies, as any decision over the account must.
const t2 = performance.now();
const model = new AccountModel(snapshot, catalog, now);
for (const u of snapshot.users) model.policySet(model.userState(u, "key"));
for (const r of snapshot.roles) model.policySet(model.roleState(r, "session"));
const baseline = performance.now() - t2;
clearInterval(sampler);

const byKind = new Map<string, number>();
for (const f of findings) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
console.log(
  `account: ${USERS} users, ${ROLES} roles, ${POLICIES} policies; catalog ${catalog.actions.length} actions`,
);
console.log(`parse the export and the credential report: ${(parse / 1000).toFixed(2)} s`);
console.log(`analysis (compiles, searches, reports):     ${(analysis / 1000).toFixed(2)} s`);
console.log(`baseline (only compile every principal):    ${(baseline / 1000).toFixed(2)} s`);
console.log(`peak RSS: ${(peak / 1024 / 1024).toFixed(0)} MB`);
console.log(`findings: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(", ")}`);
const ok = parse + analysis < 5000 && peak < 1024 * 1024 * 1024;
console.log(ok ? "within target (< 5 s, < 1 GB)" : "OVER TARGET (5 s, 1 GB)");
process.exit(ok ? 0 : 1);
