-- Tables of ods-harvester itself, beside Spring Batch's own, in the same job repository database.
-- Written for both HSQLDB and PostgreSQL; run at every start (IF NOT EXISTS).

-- Source -> udata index: which udata dataset holds which ODS dataset. Rebuilt from udata (our extras)
-- at the start of every execution, so losing the job repository never creates duplicates.
CREATE TABLE IF NOT EXISTS HARVEST_DATASET_INDEX (
    TARGET_KEY   VARCHAR(600)  NOT NULL,
    UDATA_ID     VARCHAR(64)   NOT NULL,
    DOMAIN       VARCHAR(255)  NOT NULL,
    REMOTE_ID    VARCHAR(500)  NOT NULL,
    DATASET_UID  VARCHAR(64),
    CONTENT_HASH VARCHAR(64),
    ARCHIVED     BOOLEAN       NOT NULL,
    DELETED      BOOLEAN       NOT NULL,
    -- token of the last index rebuild that saw this entry in udata; entries of a domain the rebuild did not
    -- see are removed at its end (keeps the rebuild's memory independent of the catalog size)
    REBUILD_MARK VARCHAR(40),
    PRIMARY KEY (TARGET_KEY, UDATA_ID)
);
-- lookups by uid name TARGET_KEY, DOMAIN and DATASET_UID: an index on all three, or HSQLDB picks one matching
-- fewer columns and scans every entry of the target at each lookup (the harvest became quadratic)
DROP INDEX IF EXISTS HARVEST_DATASET_INDEX_UID;
CREATE INDEX IF NOT EXISTS HARVEST_DATASET_INDEX_DOMAIN_UID ON HARVEST_DATASET_INDEX (TARGET_KEY, DOMAIN, DATASET_UID);
CREATE INDEX IF NOT EXISTS HARVEST_DATASET_INDEX_REMOTE ON HARVEST_DATASET_INDEX (TARGET_KEY, DOMAIN, REMOTE_ID);

-- What each run (job instance) did with each dataset: the report and the archive step read it.
CREATE TABLE IF NOT EXISTS HARVEST_OUTCOME (
    RUN_ID      BIGINT        NOT NULL,
    DATASET_KEY VARCHAR(500)  NOT NULL,
    DATASET_UID VARCHAR(64),
    OUTCOME     VARCHAR(20)   NOT NULL,
    REASON      VARCHAR(4000),
    UDATA_ID    VARCHAR(64),
    PRIMARY KEY (RUN_ID, DATASET_KEY)
);
-- the archive step looks a run's outcomes up by udata id and by uid too
CREATE INDEX IF NOT EXISTS HARVEST_OUTCOME_UDATA ON HARVEST_OUTCOME (RUN_ID, UDATA_ID);
CREATE INDEX IF NOT EXISTS HARVEST_OUTCOME_UID ON HARVEST_OUTCOME (RUN_ID, DATASET_UID);

-- What the archive step of each run archived. Kept apart from HARVEST_OUTCOME and keyed by udata dataset:
-- a dataset filtered in a run (a filter change) and archived by it is listed under both.
CREATE TABLE IF NOT EXISTS HARVEST_ARCHIVED (
    RUN_ID      BIGINT        NOT NULL,
    UDATA_ID    VARCHAR(64)   NOT NULL,
    DATASET_KEY VARCHAR(500)  NOT NULL,
    DATASET_UID VARCHAR(64),
    PRIMARY KEY (RUN_ID, UDATA_ID)
);

-- The run number of each source/target pair, so that a relaunch finds the run to resume.
CREATE TABLE IF NOT EXISTS HARVEST_SOURCE_RUN (
    SOURCE_KEY  VARCHAR(64)   NOT NULL PRIMARY KEY,
    LAST_RUN    BIGINT        NOT NULL
);

-- One run per source/target pair at a time: the lease of the process running it, renewed by a heartbeat
-- (epoch milliseconds). A lease silent for longer than harvest.stale-after belongs to a dead process and
-- may be taken over. Holds for a PostgreSQL repository shared by several hosts as for the HSQLDB file.
CREATE TABLE IF NOT EXISTS HARVEST_RUN_LOCK (
    SOURCE_KEY   VARCHAR(64)   NOT NULL PRIMARY KEY,
    OWNER        VARCHAR(200)  NOT NULL,
    ACQUIRED_AT  BIGINT        NOT NULL,
    HEARTBEAT_AT BIGINT        NOT NULL
);

-- ===== Datasets deleted in udata by someone else (issue 10) =====
-- The udata datasets of a source that were found deleted (or gone: a 404 where one existed) and that the
-- harvester did not delete itself. A source dataset listed here and no longer in the index (udata's
-- purge-datasets job removed every trace of it) is not created again; udata.restore-deleted asks for it
-- again. Apart from HARVEST_DATASET_INDEX, which the index rebuild clears of what udata no longer holds.
CREATE TABLE IF NOT EXISTS HARVEST_DELETED_IN_UDATA (
    TARGET_KEY  VARCHAR(600)  NOT NULL,
    UDATA_ID    VARCHAR(64)   NOT NULL,
    DOMAIN      VARCHAR(255)  NOT NULL,
    REMOTE_ID   VARCHAR(500)  NOT NULL,
    DATASET_UID VARCHAR(64),
    PRIMARY KEY (TARGET_KEY, UDATA_ID)
);
CREATE INDEX IF NOT EXISTS HARVEST_DELETED_IN_UDATA_UID ON HARVEST_DELETED_IN_UDATA (TARGET_KEY, DOMAIN, DATASET_UID);
CREATE INDEX IF NOT EXISTS HARVEST_DELETED_IN_UDATA_REMOTE ON HARVEST_DELETED_IN_UDATA (TARGET_KEY, DOMAIN, REMOTE_ID);

-- ---------------------------------------------------------------------------------------------------------
-- Grace period before archiving (issue 15).
-- Since when each udata dataset of a target has been absent from every complete read of its source. Kept
-- across runs; a row leaves when a run sees the dataset again, when it is archived, or when it is no longer a
-- live dataset of the index. Lost with the job repository: the next complete run that notices the absence
-- starts the grace period again (never earlier than intended). Epoch milliseconds, like HARVEST_RUN_LOCK.
CREATE TABLE IF NOT EXISTS HARVEST_MISSING (
    TARGET_KEY    VARCHAR(600)  NOT NULL,
    UDATA_ID      VARCHAR(64)   NOT NULL,
    MISSING_SINCE BIGINT        NOT NULL,
    PRIMARY KEY (TARGET_KEY, UDATA_ID)
);
-- What the archive step of each run found missing: why, since when, and whether the grace period was over
-- (DUE). The report lists the rows not archived as "missing" and gives archived ones their reason; the
-- mass-archive guard counts the DUE ones.
CREATE TABLE IF NOT EXISTS HARVEST_RUN_MISSING (
    RUN_ID        BIGINT        NOT NULL,
    UDATA_ID      VARCHAR(64)   NOT NULL,
    DATASET_KEY   VARCHAR(500)  NOT NULL,
    DATASET_UID   VARCHAR(64),
    MISSING_SINCE BIGINT        NOT NULL,
    REASON        VARCHAR(4000) NOT NULL,
    DUE           BOOLEAN       NOT NULL,
    PRIMARY KEY (RUN_ID, UDATA_ID)
);

-- ---------------------------------------------------------------------------------------------------------
-- A portal that changed its address (issue 16).
-- The datasets of the organization that an ODS harvest wrote under another address (another harvest:domain,
-- an ods:url extra), as the last index rebuild of source DOMAIN listed them. The writer holds back the source
-- datasets found there (outcome OTHER_ADDRESS) rather than creating a second copy; ods.previous-urls adopts
-- them instead. Refilled by every rebuild: a copy of udata, never the truth.
CREATE TABLE IF NOT EXISTS HARVEST_OTHER_ADDRESS (
    TARGET_KEY  VARCHAR(600)  NOT NULL,
    DOMAIN      VARCHAR(255)  NOT NULL,
    UDATA_ID    VARCHAR(64)   NOT NULL,
    ADDRESS     VARCHAR(600)  NOT NULL,
    REMOTE_ID   VARCHAR(500)  NOT NULL,
    DATASET_UID VARCHAR(64),
    PRIMARY KEY (TARGET_KEY, DOMAIN, UDATA_ID)
);
CREATE INDEX IF NOT EXISTS HARVEST_OTHER_ADDRESS_UID ON HARVEST_OTHER_ADDRESS (TARGET_KEY, DOMAIN, DATASET_UID);
CREATE INDEX IF NOT EXISTS HARVEST_OTHER_ADDRESS_REMOTE ON HARVEST_OTHER_ADDRESS (TARGET_KEY, DOMAIN, REMOTE_ID);

-- ===== The links of each source's dataservice, as they were after its last dataservice step =====
-- udata sets a dataservice's metadata_modified_at at every change of it, its links included
-- (udata/core/dataservices/api.py); only its purge job drops a link without it, and that lowers the total. A
-- dataservice with the remembered date and as many links as remembered still has the remembered links: the step
-- does not list them again (one request per 100 datasets every night).
CREATE TABLE IF NOT EXISTS HARVEST_DATASERVICE (
    TARGET_KEY           VARCHAR(600)  NOT NULL,
    DATASERVICE_ID       VARCHAR(64)   NOT NULL,
    METADATA_MODIFIED_AT VARCHAR(64)   NOT NULL,
    PRIMARY KEY (TARGET_KEY, DATASERVICE_ID)
);
CREATE TABLE IF NOT EXISTS HARVEST_DATASERVICE_LINK (
    TARGET_KEY     VARCHAR(600)  NOT NULL,
    DATASERVICE_ID VARCHAR(64)   NOT NULL,
    UDATA_ID       VARCHAR(64)   NOT NULL,
    PRIMARY KEY (TARGET_KEY, DATASERVICE_ID, UDATA_ID)
);

-- ---------------------------------------------------------------------------------------------------------
-- Datasets published under organizations of their own (issue 12 item 7: udata.organizations-file).
-- The organization each udata dataset of the index is in, as udata last answered it (the index rebuild lists
-- every organization of the run; a creation or an update answers it too). Apart from HARVEST_DATASET_INDEX so
-- that the index keeps its shape; only rows with an index entry of the same key count. It tells the writer where a
-- dataset found unchanged is (without a request), so that one whose publisher the mapping now sends elsewhere is
-- reported, and which organizations hold datasets of this source although the run no longer names them.
CREATE TABLE IF NOT EXISTS HARVEST_DATASET_ORGANIZATION (
    TARGET_KEY   VARCHAR(600)  NOT NULL,
    UDATA_ID     VARCHAR(64)   NOT NULL,
    ORGANIZATION VARCHAR(64)   NOT NULL,
    PRIMARY KEY (TARGET_KEY, UDATA_ID)
);
-- The datasets of each run that are in another organization than the mapping names (udata cannot move a dataset:
-- it is updated where it is). The report lists them under organizationMismatch.
CREATE TABLE IF NOT EXISTS HARVEST_ORGANIZATION_MISMATCH (
    RUN_ID              BIGINT        NOT NULL,
    UDATA_ID            VARCHAR(64)   NOT NULL,
    DATASET_KEY         VARCHAR(500)  NOT NULL,
    DATASET_UID         VARCHAR(64),
    ORGANIZATION        VARCHAR(64)   NOT NULL,
    MAPPED_ORGANIZATION VARCHAR(64)   NOT NULL,
    PRIMARY KEY (RUN_ID, UDATA_ID)
);

-- ---------------------------------------------------------------------------------------------------------
-- Nightly harvests that cost what changed (issue 13, items 3 and 5).
-- Per udata dataset of a target: what the source published for it when the harvester last wrote or confirmed it
-- (hashes of its change signals and of its raw item, each with the mapping version of that run), and its
-- fingerprint as udata's listing showed it then. Unchanged at the source and untouched in udata: not fetched, not
-- mapped, not written (udata.SourceStates). Apart from HARVEST_DATASET_INDEX, which the rebuild refills from udata.
CREATE TABLE IF NOT EXISTS HARVEST_SOURCE_STATE (
    TARGET_KEY  VARCHAR(600)  NOT NULL,
    UDATA_ID    VARCHAR(64)   NOT NULL,
    SIGNALS     VARCHAR(64),
    RAW_HASH    VARCHAR(64),
    UDATA_HASH  VARCHAR(64)   NOT NULL,
    PRIMARY KEY (TARGET_KEY, UDATA_ID)
);
-- How each run reads the catalog, decided at its first execution and kept by its restarts: a listing
-- (catalog/exports/json, then full records of what changed) or paging; a full pass or not; why.
CREATE TABLE IF NOT EXISTS HARVEST_RUN_PASS (
    RUN_ID      BIGINT        NOT NULL PRIMARY KEY,
    FULL_PASS   BOOLEAN       NOT NULL,
    LISTED      BOOLEAN       NOT NULL,
    LISTED_SIZE BIGINT        NOT NULL,
    TO_FETCH    BIGINT        NOT NULL,
    REASON      VARCHAR(4000)
);
-- The catalog as the listing of a run gave it, in listing order; the harvest step walks it with a saved position,
-- so that a restart neither lists again nor repeats a write. Dropped when the harvest step completes.
CREATE TABLE IF NOT EXISTS HARVEST_CATALOG_LISTING (
    RUN_ID      BIGINT        NOT NULL,
    ORDINAL     BIGINT        NOT NULL,
    DATASET_ID  VARCHAR(500)  NOT NULL,
    SIGNALS     VARCHAR(1200),
    PRIMARY KEY (RUN_ID, ORDINAL)
);
-- When the last full pass (every dataset fetched, mapped and compared with udata) of a source into a target
-- completed; harvest.full-every makes the next one. Epoch milliseconds.
CREATE TABLE IF NOT EXISTS HARVEST_FULL_PASS (
    TARGET_KEY   VARCHAR(600)  NOT NULL,
    DOMAIN       VARCHAR(255)  NOT NULL,
    COMPLETED_AT BIGINT        NOT NULL,
    PRIMARY KEY (TARGET_KEY, DOMAIN)
);
