// One API operation: what it is called, the action and resource authorization checks, and the
// domain logic, and the facts its non-policy guards need. Every operation is declared through `defineOperation` so the server can treat
// them all alike: authorize, run (inside a transaction when it changes state), audit.

import type { GuardFacts } from "../authorization/guards/GuardFacts.ts";
import type { CallerIdentity } from "../domain/Principal.ts";
import type { StoreSession } from "../store/ports.ts";
import type { OperationContext } from "./OperationContext.ts";

export type ConditionValue = string | string[] | boolean | number;

export interface Operation<I = unknown, O = unknown> {
  readonly service: "iam" | "sts";
  readonly name: string;
  /** The action as AWS's Service Authorization Reference names it (`iam:CreateUser`). */
  readonly action: string;
  /** Changes state: runs in one transaction together with its audit record. */
  readonly mutating: boolean;
  /**
   * The resource ARN the action applies to. It may read the store: an existing user's ARN
   * carries its path, which policies can match on.
   */
  resource(input: I, scope: { caller: CallerIdentity; store: StoreSession }): string | Promise<string>;
  /**
   * Request-specific condition keys (`aws:RequestTag/…`, `aws:TagKeys`, `iam:PolicyARN`…). It may
   * read the store: some keys describe what exists now (the boundary a call would remove).
   */
  conditionKeys?(
    input: I,
    scope: { caller: CallerIdentity; store: StoreSession },
  ): Record<string, ConditionValue> | Promise<Record<string, ConditionValue>>;
  /**
   * Facts for the guards that are not policy (the 2023 MFA rule needs the target's device count).
   * Read in the operation's own transaction, right before it runs.
   */
  guardFacts?(input: I, scope: { caller: CallerIdentity; store: StoreSession }): Promise<GuardFacts>;
  execute(input: I, ctx: OperationContext): Promise<O>;
}

export function defineOperation<I, O>(op: Operation<I, O>): Operation<I, O> {
  return op;
}
