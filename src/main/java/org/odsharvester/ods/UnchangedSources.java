package org.odsharvester.ods;

import java.util.Collection;
import java.util.Map;

/**
 * Which datasets of the catalog need no work: unchanged at the source since the harvester's last write or
 * confirmation (same {@link SourceSignature} under the same mapping version) and untouched in udata since then. The
 * catalog side asks; the target side ({@code udata.SourceStates}) knows.
 */
public interface UnchangedSources {

    /** What is known of a source dataset: its id and uid (may be null), and the signature of the kind compared. */
    record Candidate(String datasetId, String datasetUid, String signature) {
    }

    /** A dataset found unchanged: the udata dataset that holds it and its uid as the index knows it (may be null). */
    record Unchanged(String udataId, String datasetUid) {
    }

    /** Of these candidates compared by their change signals, the unchanged ones by dataset id. */
    Map<String, Unchanged> bySignals(Collection<Candidate> candidates);

    /** Of these candidates compared by the hash of their raw item, the unchanged ones by dataset id. */
    Map<String, Unchanged> byRawHash(Collection<Candidate> candidates);
}
