// GetAccountAuthorizationDetails: every user, group, role and managed policy of the account in
// one paginated answer (the customer-managed policies all, the AWS-managed ones only where the
// account uses them, as AWS lists them). Pages run over the kinds in AWS's order, users, groups,
// roles, policies; the marker names the kind and the sort key of the last entry returned (never an
// offset), so an entity added or removed between pages can neither be repeated nor make another
// one be skipped.

import { getAwsManagedPolicy } from "../../domain/awsManagedPolicyCatalog.ts";
import { InvalidInput } from "../../domain/errors/iamErrors.ts";
import type {
  EntityType,
  GetAccountAuthorizationDetailsRequest,
  GetAccountAuthorizationDetailsResponse,
} from "../../generated/iam/iamShapes.ts";
import type { Page, PageRequest, StoreSession } from "../../store/ports.ts";
import { defineOperation } from "../Operation.ts";
import { DEFAULT_MAX_ITEMS } from "../paginateList.ts";
import { groupDetail, managedPolicyDetail, roleDetail, userDetail } from "./authorizationDetails.ts";
import { ACCOUNT_RESOURCE } from "./passwordPolicyShape.ts";
import type { ResolvedPolicy } from "./resolvePolicy.ts";

type ListName = "UserDetailList" | "GroupDetailList" | "RoleDetailList" | "Policies";

interface KindPage {
  items: unknown[];
  /** Where the next page of this kind starts; undefined when the kind is done. */
  next?: string;
}

interface Kind {
  readonly list: ListName;
  readonly included: (filter: ReadonlySet<EntityType> | undefined) => boolean;
  page(store: StoreSession, accountId: string, after: string | undefined, max: number): Promise<KindPage>;
}

/** A store page of named entities, each turned into its detail. */
async function detailPage<T>(
  list: (page: PageRequest) => Promise<Page<T>>,
  detail: (item: T) => Promise<unknown>,
  after: string | undefined,
  max: number,
): Promise<KindPage> {
  const page = await list({ maxItems: max, ...(after !== undefined ? { marker: after } : {}) });
  const items = [];
  for (const item of page.items) items.push(await detail(item));
  return { items, ...(page.marker ? { next: page.marker } : {}) };
}

/** The AWS-managed policies the account uses: attached to, or the boundary of, one of its identities. */
async function awsManagedInUse(store: StoreSession, accountId: string): Promise<Set<string>> {
  const arns = new Set<string>();
  const all = { maxItems: Number.MAX_SAFE_INTEGER };
  for (const user of (await store.users.list(accountId, "/", all)).items) {
    for (const arn of await store.userPolicies.listAttached(user.userId)) arns.add(arn);
    if (user.permissionsBoundaryArn) arns.add(user.permissionsBoundaryArn);
  }
  for (const group of (await store.groups.list(accountId, "/", all)).items) {
    for (const arn of await store.groupPolicies.listAttached(group.groupId)) arns.add(arn);
  }
  for (const role of (await store.roles.list(accountId, "/", all)).items) {
    for (const arn of await store.rolePolicies.listAttached(role.roleId)) arns.add(arn);
    if (role.permissionsBoundaryArn) arns.add(role.permissionsBoundaryArn);
  }
  return new Set([...arns].filter((arn) => arn.startsWith("arn:aws:iam::aws:")));
}

/** The policies the filter asks for, ordered by ARN: AWS-managed (`arn:aws:iam::aws:`) sort apart. */
async function policiesInScope(
  store: StoreSession,
  accountId: string,
  filter: ReadonlySet<EntityType> | undefined,
): Promise<ResolvedPolicy[]> {
  const out: ResolvedPolicy[] = [];
  if (!filter || filter.has("LocalManagedPolicy")) {
    for (const policy of await store.managedPolicies.list(accountId, "/"))
      out.push({ policy, awsManaged: false });
  }
  if (!filter || filter.has("AWSManagedPolicy")) {
    for (const arn of await awsManagedInUse(store, accountId)) {
      const managed = getAwsManagedPolicy(arn);
      if (managed) out.push({ policy: managed.policy, awsManaged: true });
    }
  }
  return out.sort((a, b) => (a.policy.arn < b.policy.arn ? -1 : a.policy.arn > b.policy.arn ? 1 : 0));
}

function kinds(filter: ReadonlySet<EntityType> | undefined): Kind[] {
  const has = (t: EntityType) => (f: ReadonlySet<EntityType> | undefined) => !f || f.has(t);
  return [
    {
      list: "UserDetailList",
      included: has("User"),
      page: (store, accountId, after, max) =>
        detailPage(
          (p) => store.users.list(accountId, "/", p),
          (u) => userDetail(store, u),
          after,
          max,
        ),
    },
    {
      list: "GroupDetailList",
      included: has("Group"),
      page: (store, accountId, after, max) =>
        detailPage(
          (p) => store.groups.list(accountId, "/", p),
          (g) => groupDetail(store, g),
          after,
          max,
        ),
    },
    {
      list: "RoleDetailList",
      included: has("Role"),
      page: (store, accountId, after, max) =>
        detailPage(
          (p) => store.roles.list(accountId, "/", p),
          (r) => roleDetail(store, r),
          after,
          max,
        ),
    },
    {
      list: "Policies",
      included: (f) => !f || f.has("LocalManagedPolicy") || f.has("AWSManagedPolicy"),
      async page(store, accountId, after, max) {
        const remaining = (await policiesInScope(store, accountId, filter)).filter(
          (p) => after === undefined || p.policy.arn > after,
        );
        const chosen = remaining.slice(0, max);
        const items = [];
        for (const p of chosen) items.push(await managedPolicyDetail(store, accountId, p));
        const last = chosen[chosen.length - 1];
        return remaining.length > max && last ? { items, next: last.policy.arn } : { items };
      },
    },
  ];
}

interface Position {
  /** Index into the kinds. */
  k: number;
  /** The kind's own continuation; absent at the start of the kind. */
  a?: string;
}

function encodePosition(position: Position): string {
  return Buffer.from(JSON.stringify(position), "utf8").toString("base64url");
}

function decodePosition(marker: string | undefined): Position {
  if (marker === undefined) return { k: 0 };
  try {
    const p = JSON.parse(Buffer.from(marker, "base64url").toString("utf8")) as Position;
    if (Number.isInteger(p.k) && p.k >= 0 && p.k < 4 && (p.a === undefined || typeof p.a === "string"))
      return p;
  } catch {
    // fall through
  }
  throw new InvalidInput("Invalid Marker.");
}

async function somethingFrom(
  all: readonly Kind[],
  filter: ReadonlySet<EntityType> | undefined,
  store: StoreSession,
  accountId: string,
  from: Position,
): Promise<boolean> {
  for (let k = from.k; k < all.length; k++) {
    const kind = all[k] as Kind;
    if (!kind.included(filter)) continue;
    const peek = await kind.page(store, accountId, k === from.k ? from.a : undefined, 1);
    if (peek.items.length > 0) return true;
  }
  return false;
}

export const GetAccountAuthorizationDetails = defineOperation<
  GetAccountAuthorizationDetailsRequest,
  GetAccountAuthorizationDetailsResponse
>({
  service: "iam",
  name: "GetAccountAuthorizationDetails",
  action: "iam:GetAccountAuthorizationDetails",
  mutating: false,
  resource: () => ACCOUNT_RESOURCE,
  async execute(input, { caller, store }) {
    const filter = input.Filter && input.Filter.length > 0 ? new Set(input.Filter) : undefined;
    const all = kinds(filter);
    const out: GetAccountAuthorizationDetailsResponse = {};
    for (const kind of all) if (kind.included(filter)) out[kind.list] = [];
    let budget = input.MaxItems ?? DEFAULT_MAX_ITEMS;
    let position = decodePosition(input.Marker);
    while (position.k < all.length) {
      const kind = all[position.k] as Kind;
      if (!kind.included(filter)) {
        position = { k: position.k + 1 };
        continue;
      }
      if (budget === 0) break;
      const page = await kind.page(store, caller.accountId, position.a, budget);
      (out[kind.list] as unknown[]).push(...page.items);
      budget -= page.items.length;
      position = page.next !== undefined ? { k: position.k, a: page.next } : { k: position.k + 1 };
    }
    // Truncated only if something is left: a page that ends exactly at the last entity says so.
    const more = await somethingFrom(all, filter, store, caller.accountId, position);
    return { ...out, IsTruncated: more, ...(more ? { Marker: encodePosition(position) } : {}) };
  },
});
