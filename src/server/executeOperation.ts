// Runs one operation the way every request runs it: a change is authorized, executed and audited
// inside one store transaction (no change without its record, no record without its change, and
// the guards decide on the state the change is made against); a read is authorized and executed
// on the store directly. A CommitThenFail commits what the operation wrote (a failed MFA code's
// count) and then fails. The pipeline and tests both call this, so there is one copy of it.

import type { AuditEvent } from "../domain/AuditEvent.ts";
import type { ChangedEntity } from "../domain/ChangedEntity.ts";
import type { AwsError } from "../domain/errors/AwsError.ts";
import { InternalFailure } from "../domain/errors/commonErrors.ts";
import type { CallerIdentity } from "../domain/Principal.ts";
import { CommitThenFail } from "../operations/CommitThenFail.ts";
import type { Operation } from "../operations/Operation.ts";
import type { OperationContext } from "../operations/OperationContext.ts";
import type { Store, StoreSession } from "../store/ports.ts";

export interface Execution<I, O> {
  readonly operation: Operation<I, O>;
  readonly input: I;
  readonly store: Store;
  /**
   * Everything the handler receives but the store session and `invalidate`; the caller may come
   * from `authorize` instead (an operation its input authenticates).
   */
  readonly context: Omit<OperationContext, "store" | "invalidate" | "caller"> & { caller?: CallerIdentity };
  /** The authorize step, run on the session the operation will run on. */
  readonly authorize?: (
    session: StoreSession,
  ) => Promise<{ mfaProvedAt?: Date; caller?: CallerIdentity } | undefined>;
  /** The change's audit record, written in its transaction (changes only). */
  readonly auditRecord: (output: O) => AuditEvent;
}

export interface Executed<O> {
  readonly output: O;
  /** What the change touched, for the caches to drop once it has committed. */
  readonly changed: readonly ChangedEntity[];
}

export async function executeOperation<I, O>(run: Execution<I, O>): Promise<Executed<O>> {
  const changed: ChangedEntity[] = [];
  const contextOn = (
    store: StoreSession,
    outcome: { mfaProvedAt?: Date; caller?: CallerIdentity } | undefined,
  ): OperationContext => {
    const caller = outcome?.caller ?? run.context.caller;
    if (!caller) throw new InternalFailure();
    return {
      ...run.context,
      caller,
      store,
      ...(outcome?.mfaProvedAt ? { mfaProvedAt: outcome.mfaProvedAt } : {}),
      invalidate: (entity) => changed.push(entity),
    };
  };
  if (!run.operation.mutating) {
    const outcome = await run.authorize?.(run.store);
    return {
      output: await run.operation.execute(run.input, contextOn(run.store, outcome)),
      changed,
    };
  }
  const failed: { error?: AwsError } = {};
  const output = await run.store.transaction(async (tx) => {
    let result: O;
    try {
      // A code checked while authorizing (AssumeRole's) counts its failures like the operation's own.
      const outcome = await run.authorize?.(tx);
      result = await run.operation.execute(run.input, contextOn(tx, outcome));
    } catch (err) {
      if (!(err instanceof CommitThenFail)) throw err;
      failed.error = err.error;
      return undefined;
    }
    await tx.audit.append([run.auditRecord(result)]);
    return result;
  });
  if (failed.error) throw failed.error;
  return { output: output as O, changed };
}
