// For `.ci/run`: starts one throwaway PostgreSQL cluster and prints, as shell assignments, its
// admin URL (which the tests then share, see throwawayPostgres.ts), the postmaster's pid (by
// which .ci/run stops it at the end) and its temp folder. Prints nothing if none could start:
// the tests then try their own, and skip, saying so, if they cannot either.

import { CI_POSTGRES_ENV, startOwnCluster } from "./throwawayPostgres.ts";

const cluster = await startOwnCluster();
if (cluster) {
  process.stdout.write(
    `${CI_POSTGRES_ENV}='${cluster.adminUrl}'\nCI_POSTGRES_PID=${cluster.pid}\nCI_POSTGRES_DIR='${cluster.dir}'\n`,
  );
}
