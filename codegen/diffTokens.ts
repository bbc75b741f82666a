// The edit script between two token lists (Myers' O(ND) shortest edit script), written in the
// delta form the AWS-managed policy catalog stores for old versions and
// src/domain/awsManagedPolicyDocuments.ts applies: one line per step, `=N` copies the next N base
// tokens, `-N` skips N, `+TOKEN` inserts one. Tokens never hold a newline. Used by codegen only.

/** How far the search goes before it settles for "replace everything" (bounds time and memory). */
const MAX_EDIT_DISTANCE = 4000;

type Step = "keep" | "skip" | "insert";

function shortestEditScript(a: readonly string[], b: readonly string[]): Step[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number))
          ? (v[offset + k + 1] as number)
          : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  if (found < 0) return undefined;

  const steps: Step[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const previous = trace[d - 1] as Int32Array;
    const at = (k: number) => previous[k + d - 1] as number;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const previousK = down ? k + 1 : k - 1;
    const previousX = at(previousK);
    const previousY = previousX - previousK;
    while (x > previousX && y > previousY) {
      steps.push("keep");
      x--;
      y--;
    }
    steps.push(down ? "insert" : "skip");
    x = previousX;
    y = previousY;
  }
  for (; x > 0; x--) steps.push("keep");
  return steps.reverse();
}

/** The delta that turns `base` into `target`, as lines (see the header). */
export function diffTokens(base: readonly string[], target: readonly string[]): string {
  const steps =
    shortestEditScript(base, target) ??
    ([...base.map(() => "skip"), ...target.map(() => "insert")] as Step[]);
  const lines: string[] = [];
  let run: { step: "keep" | "skip"; count: number } | undefined;
  const flush = () => {
    if (run) lines.push(`${run.step === "keep" ? "=" : "-"}${run.count}`);
    run = undefined;
  };
  let next = 0;
  for (const step of steps) {
    if (step === "insert") {
      flush();
      lines.push(`+${target[next++]}`);
      continue;
    }
    if (step === "keep") next++;
    if (run?.step === step) run.count++;
    else {
      flush();
      run = { step, count: 1 };
    }
  }
  // A trailing copy is implied: the decoder copies whatever base tokens remain.
  if (run?.step !== "keep") flush();
  return lines.join("\n");
}
