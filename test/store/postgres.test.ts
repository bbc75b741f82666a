// The store suite on the PostgreSQL adapter, each test on a fresh database of one throwaway
// cluster; the races on two pools to one database, as two nodes open it.

import { after } from "node:test";
import { openPostgresStore } from "../../src/store/postgres/openPostgresStore.ts";
import { POSTGRES_MISSING, startThrowawayPostgres } from "../support/throwawayPostgres.ts";
import { runRaceSuite } from "./runRaceSuite.ts";
import { runStoreSuite } from "./runStoreSuite.ts";

const cluster = await startThrowawayPostgres();
after(() => cluster?.stop());
const skip = cluster ? {} : { skip: POSTGRES_MISSING };
const freshDatabase = () => (cluster as NonNullable<typeof cluster>).createDatabase();

runStoreSuite("postgres", async () => openPostgresStore(await freshDatabase()), skip);

runRaceSuite(
  "postgres",
  async () => {
    const url = await freshDatabase();
    const first = await openPostgresStore(url);
    return [first, await openPostgresStore(url)] as const;
  },
  skip,
);
