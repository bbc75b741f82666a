// Every schema migration, in order. A migration, once released, is never edited: add a new one.

import type { Migration } from "kysely";
import * as m0001 from "./m0001_initial.ts";
import * as m0002 from "./m0002_mfa.ts";
import * as m0003 from "./m0003_policies.ts";
import * as m0004 from "./m0004_groups.ts";
import * as m0005 from "./m0005_roles.ts";
import * as m0006 from "./m0006_account_aliases.ts";
import * as m0007 from "./m0007_credentials_and_reports.ts";
import * as m0008 from "./m0008_oidc_providers.ts";
import * as m0009 from "./m0009_root_passwords.ts";
import * as m0010 from "./m0010_security_keys.ts";
import * as m0011 from "./m0011_saml_providers.ts";
import * as m0012 from "./m0012_change_log.ts";
import * as m0013 from "./m0013_console_sessions.ts";

export const migrationList: Record<string, Migration> = {
  "0001_initial": m0001,
  "0002_mfa": m0002,
  "0003_policies": m0003,
  "0004_groups": m0004,
  "0005_roles": m0005,
  "0006_account_aliases": m0006,
  "0007_credentials_and_reports": m0007,
  "0008_oidc_providers": m0008,
  "0009_root_passwords": m0009,
  "0010_security_keys": m0010,
  "0011_saml_providers": m0011,
  "0012_change_log": m0012,
  "0013_console_sessions": m0013,
};
