package org.odsharvester.udata;

/**
 * Names of the dataset extras through which the harvester recognises its datasets in udata
 * (the {@code harvest} block of udata is read-only over the API, so identity lives in extras).
 */
public final class HarvestExtras {

    /** ODS {@code dataset_id}, the slug. */
    public static final String REMOTE_ID = "harvest:remote_id";
    /** Host of the ODS portal. */
    public static final String DOMAIN = "harvest:domain";
    /** ODS {@code dataset_uid}, stable across slug renames. */
    public static final String DATASET_UID = "ods:dataset_uid";
    /** Page of the dataset on the ODS portal. */
    public static final String ODS_URL = "ods:url";

    private HarvestExtras() {
    }

    /** DCAT dates the harvester copies from the source; the rest of the {@code dcat:} namespace is not ours. */
    private static final java.util.Set<String> OWNED_DCAT = java.util.Set.of("dcat:issued", "dcat:created");

    /**
     * True for the extras the harvester owns: every key in the {@code harvest:} and {@code ods:}
     * namespaces, and {@code dcat:issued} / {@code dcat:created}. A PUT replaces these with the payload's
     * (dropping ours that disappeared at the source) and keeps every other key, which people or other tools
     * may have set (udata's own DCAT harvester keeps its values under one {@code dcat} key, a dict).
     */
    public static boolean isOwned(String key) {
        return key != null && (key.startsWith("harvest:") || key.startsWith("ods:") || OWNED_DCAT.contains(key));
    }
}
