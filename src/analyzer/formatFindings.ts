// How findings are printed: a table for people, JSON for programs, SARIF 2.1.0 for code-scanning
// tools, and each path drawn as a Mermaid or Graphviz graph. Pure: strings out.

import type { Step } from "./AccountModel.ts";
import type { Finding } from "./Finding.ts";

export function formatJson(findings: readonly Finding[]): string {
  return `${JSON.stringify({ findings }, null, 2)}\n`;
}

/** One step of a path in words: the action, on what, as whom, and the statements that allow it. */
export function stepText(s: Step): string {
  const by = s.allowedBy.map(
    (a) => `${a.policy}${a.versionId ? ` ${a.versionId}` : ""} #${a.sid ?? a.statement}`,
  );
  return `${s.action} on ${s.resource} as ${s.as} (${s.credential})${by.length ? ` allowed by ${by.join(", ")}` : ""}${s.guard ? ` [${s.guard}]` : ""}`;
}

export function formatTable(findings: readonly Finding[]): string {
  if (findings.length === 0) return "No findings.\n";
  const lines: string[] = [];
  for (const f of findings) {
    lines.push(`${f.severity.toUpperCase().padEnd(8)} ${f.kind.padEnd(22)} ${f.id}  ${f.principal}`);
    lines.push(`         method: ${f.method}   target: ${f.target}`);
    for (const [i, s] of f.path.entries()) lines.push(`         ${i + 1}. ${stepText(s)}`);
    for (const a of f.assumptions ?? []) lines.push(`         assumes: ${a.replace(/^assumes /, "")}`);
    lines.push(`         fix: ${f.remediation}`, "");
  }
  lines.push(`${findings.length} finding(s).`);
  return `${lines.join("\n")}\n`;
}

const SARIF_LEVEL = { critical: "error", high: "error", medium: "warning", low: "note" } as const;

const RULES: Record<string, string> = {
  "mfa-bypass": "A long-term access key alone reaches what the policies grant only with MFA.",
  "privilege-escalation": "A principal can reach administrator-equivalent rights.",
  "mfa-association-review": "MFA devices associated or deactivated without MFA: review them.",
  hygiene: "Credential or policy hygiene.",
};

export function formatSarif(findings: readonly Finding[], artifact: string, version: string): string {
  const kinds = Object.keys(RULES);
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "portcullis analyze",
            version,
            informationUri: "https://github.com/portcullis/portcullis",
            rules: kinds.map((id) => ({ id, shortDescription: { text: RULES[id] as string } })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.kind,
          ruleIndex: kinds.indexOf(f.kind),
          level: SARIF_LEVEL[f.severity],
          message: {
            text: `${f.principal}: ${f.method} → ${f.target}. ${f.remediation}`,
          },
          locations: [
            {
              physicalLocation: { artifactLocation: { uri: artifact } },
              logicalLocations: [{ fullyQualifiedName: f.principal, kind: "resource" }],
            },
          ],
          partialFingerprints: { findingId: f.id },
          properties: {
            method: f.method,
            target: f.target,
            path: f.path,
            ...(f.assumptions ? { assumptions: f.assumptions } : {}),
          },
        })),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** Each path as a chain: who takes each step (with which credential), then what is reached. */
function chain(f: Finding): { nodes: string[]; labels: string[] } {
  const nodes = f.path.map((s) => `${s.as} (${s.credential})`);
  nodes.push(f.target);
  return { nodes, labels: f.path.map((s) => `${s.action} ${s.resource}`) };
}

export function formatMermaid(findings: readonly Finding[]): string {
  const lines = ["flowchart LR"];
  const esc = (t: string) => t.replace(/"/g, "#quot;");
  for (const [k, f] of findings.filter((x) => x.path.length > 0).entries()) {
    const { nodes, labels } = chain(f);
    lines.push(`  %% ${f.id} ${f.kind} ${f.method}`);
    for (const [i, n] of nodes.entries()) lines.push(`  f${k}n${i}["${esc(n)}"]`);
    for (const [i, l] of labels.entries()) lines.push(`  f${k}n${i} -->|"${esc(l)}"| f${k}n${i + 1}`);
  }
  return `${lines.join("\n")}\n`;
}

export function formatDot(findings: readonly Finding[]): string {
  const q = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
  const lines = ["digraph findings {", "  rankdir=LR;"];
  for (const [k, f] of findings.filter((x) => x.path.length > 0).entries()) {
    const { nodes, labels } = chain(f);
    for (const [i, n] of nodes.entries()) lines.push(`  f${k}n${i} [label=${q(n)}];`);
    for (const [i, l] of labels.entries())
      lines.push(`  f${k}n${i} -> f${k}n${i + 1} [label=${q(l)}, tooltip=${q(f.id)}];`);
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}
