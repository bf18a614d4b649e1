package org.odsharvester.launch;

import java.util.Arrays;

/** What {@code --help} prints: the options of SPEC §2 and the exit codes. */
public final class HelpText {

    private HelpText() {
    }

    public static boolean requested(String[] args) {
        return Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"));
    }

    public static String text() {
        return """
                ods-harvester: copies the dataset metadata of an Opendatasoft portal into a udata portal.

                Usage:
                  java -jar ods-harvester.jar --ods.url=https://data.example.org \\
                       --udata.url=https://www.data.gouv.fr --udata.organization=<org id>   # key from UDATA_API_KEY

                Options (also as environment variables, Spring style: ODS_URL, UDATA_API_KEY, HARVEST_DRY_RUN...):
                  --ods.url=URL                public root URL of the ODS portal (required)
                  --ods.api=auto|v2.1|v1       API to read; auto uses v2.1 and falls back to v1 (default auto)
                  --ods.api-key=KEY            or ODS_API_KEY; sent as 'Authorization: Apikey <key>' (default none)
                  --ods.inspire=true|false     also harvest datasets with INSPIRE metadata (default false)
                  --ods.refine.<facet>=V[,V]   keep only datasets with these facet values
                  --ods.exclude.<facet>=V[,V]  leave out datasets with these facet values
                  --udata.url=URL              root URL of the udata instance (required unless dry run)
                  --udata.api-key=KEY          or UDATA_API_KEY; sent as X-API-KEY (required unless dry run)
                  --udata.organization=ID      organization that owns the harvested datasets (required unless dry run)
                  --harvest.dry-run=true       read, filter and map, write the payloads to a .jsonl file, not to udata
                  --harvest.max-items=N        stop after N datasets (a trial run; archives nothing)
                  --harvest.data-dir=DIR       job repository (HSQLDB) and reports (default ./data)
                  --harvest.language=fr|en     language of generated texts (default fr)
                  --harvest.default-license=ID udata license id when none can be guessed (default lov2)
                  --harvest.skip-limit=N       rejected datasets tolerated before the run fails (default 100)
                  --harvest.concurrency=N      udata writes in flight at once (default 8)
                  --harvest.chunk-size=N       datasets per committed chunk (default 200)
                  --harvest.archive-missing=B  archive datasets no longer in the portal after a complete run (default true)
                  --harvest.archive-after=D    archive a dataset only once missing from every complete read this long
                                               (default 7d, like udata's own harvesters; 0 archives at once)
                  --harvest.archive-guard-percent=P, --harvest.archive-guard-minimum=N
                                               a run that would archive more than P % of the source's datasets and
                                               more than N archives none and exits 6 (default 20 and 10; an empty
                                               catalog, or every dataset at once, is always held)
                  --harvest.confirm-archive=N  lets this one run archive the N datasets the guard held back (N as
                                               its message said; another count is held again)
                  --harvest.stale-after=D      a run silent this long is taken for dead and may be taken over (default 15m)
                  --spring.datasource.url=URL  job repository database, e.g. jdbc:postgresql://host/db
                                               (+ --spring.datasource.username / password; default HSQLDB file in data-dir)

                Exit codes:
                  0  completed; every eligible dataset is in udata
                  1  failed; relaunch the same command: it resumes from the last committed chunk
                  2  invalid arguments or configuration; nothing was done
                  3  completed, but some datasets were rejected; the report lists each with its reason
                  4  another run for the same source and target is in progress
                  5  the ODS portal's API quota is exhausted; relaunch after the reset time printed
                  6  completed, but the mass-archive guard archived nothing; fix the filters, or relaunch once
                     with the --harvest.confirm-archive=N its message gives

                The report of each run is written under <harvest.data-dir>/reports/ (path printed at the end).
                """;
    }
}
