// The store suite on the PostgreSQL adapter, each test on a fresh database of one throwaway cluster.

import { after } from "node:test";
import { openPostgresStore } from "../../src/store/postgres/openPostgresStore.ts";
import { POSTGRES_MISSING, startThrowawayPostgres } from "../support/throwawayPostgres.ts";
import { runStoreSuite } from "./runStoreSuite.ts";

const cluster = await startThrowawayPostgres();
after(() => cluster?.stop());

runStoreSuite(
  "postgres",
  async () => openPostgresStore(await (cluster as NonNullable<typeof cluster>).createDatabase()),
  cluster ? {} : { skip: POSTGRES_MISSING },
);
