// Runs one operation the way every request runs it: a change is authorized, executed and audited
// inside one store transaction (no change without its record, no record without its change, and
// the guards decide on the state the change is made against); a read is authorized and executed
// on the store directly. A CommitThenFail commits what the operation wrote (a failed MFA code's
// count) and then fails. The pipeline and tests both call this, so there is one copy of it.

import type { AuditEvent } from "../domain/AuditEvent.ts";
import type { ChangedEntity } from "../domain/ChangedEntity.ts";
import type { AwsError } from "../domain/errors/AwsError.ts";
import { CommitThenFail } from "../operations/CommitThenFail.ts";
import type { Operation } from "../operations/Operation.ts";
import type { OperationContext } from "../operations/OperationContext.ts";
import type { Store, StoreSession } from "../store/ports.ts";

export interface Execution<I, O> {
  readonly operation: Operation<I, O>;
  readonly input: I;
  readonly store: Store;
  /** Everything the handler receives but the store session and `invalidate`. */
  readonly context: Omit<OperationContext, "store" | "invalidate">;
  /** The authorize step, run on the session the operation will run on. */
  readonly authorize?: (session: StoreSession) => Promise<{ mfaProvedAt?: Date } | undefined>;
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
  const invalidate = (entity: ChangedEntity) => {
    changed.push(entity);
  };
  const c = run.context;
  // Every request builds one, and a spread of it showed in the profile: so every member is named,
  // and the type makes a member added to OperationContext one that must be named here too.
  const contextOn = (store: StoreSession, mfaProvedAt: Date | undefined): OperationContext => {
    const context: { [K in keyof Required<OperationContext>]: OperationContext[K] } = {
      caller: c.caller,
      store,
      now: c.now,
      random: c.random,
      sealer: c.sealer,
      policies: c.policies,
      requestId: c.requestId,
      region: c.region,
      sourceIp: c.sourceIp,
      mfaProvedAt,
      invalidate,
      federation: c.federation,
      auditDetails: c.auditDetails,
    };
    return context as OperationContext;
  };
  if (!run.operation.mutating) {
    const outcome = await run.authorize?.(run.store);
    return {
      output: await run.operation.execute(run.input, contextOn(run.store, outcome?.mfaProvedAt)),
      changed,
    };
  }
  const failed: { error?: AwsError } = {};
  const output = await run.store.transaction(async (tx) => {
    // A store may run the work again after losing a race; only the last attempt's names count.
    changed.length = 0;
    let result: O;
    try {
      // A code checked while authorizing (AssumeRole's) counts its failures like the operation's own.
      const outcome = await run.authorize?.(tx);
      result = await run.operation.execute(run.input, contextOn(tx, outcome?.mfaProvedAt));
    } catch (err) {
      if (!(err instanceof CommitThenFail)) throw err;
      failed.error = err.error;
      return undefined;
    }
    await tx.audit.append([run.auditRecord(result)]);
    // Other workers and nodes learn what to drop from their caches from the log, in the same commit.
    await tx.changeLog.append(changed, run.context.now);
    return result;
  });
  if (failed.error) throw failed.error;
  return { output: output as O, changed };
}
