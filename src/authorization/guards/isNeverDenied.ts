// Actions AWS never denies, whatever the policies say: GetCallerIdentity, and GetSessionToken, an
// authentication operation that "you cannot use policies to control" (the credentials it returns
// carry the caller's own permissions, no more). Pure.

const NEVER_DENIED_ACTIONS: ReadonlySet<string> = new Set(["sts:getcalleridentity", "sts:getsessiontoken"]);

export function isNeverDenied(action: string): boolean {
  return NEVER_DENIED_ACTIONS.has(action.toLowerCase());
}
