// Every schema migration, in order. A migration, once released, is never edited: add a new one.

import type { Migration } from "kysely";
import * as m0001 from "./m0001_initial.ts";
import * as m0002 from "./m0002_mfa.ts";
import * as m0003 from "./m0003_policies.ts";
import * as m0005 from "./m0005_roles.ts";

export const migrationList: Record<string, Migration> = {
  "0001_initial": m0001,
  "0002_mfa": m0002,
  "0003_policies": m0003,
  "0005_roles": m0005,
};
