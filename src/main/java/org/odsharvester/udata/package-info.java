/**
 * Writing to udata: the REST client ({@link org.odsharvester.udata.UdataClient}), the source → udata
 * index ({@link org.odsharvester.udata.DatasetIndex}), the chunk writer
 * ({@link org.odsharvester.udata.UdataDatasetWriter}) and the two tasklets that surround the chunk step
 * ({@link org.odsharvester.udata.IndexRebuildTasklet} before, {@link org.odsharvester.udata.ArchiveMissingTasklet}
 * after).
 * <p>
 * Decisions, and why:
 * <ul>
 * <li><b>Extras</b>: udata replaces the whole dict on PUT. The harvester owns the {@code harvest:*} and
 * {@code ods:*} keys, and {@code dcat:issued} / {@code dcat:created}: they are replaced by the payload's (one that disappeared at the source is dropped);
 * every other key (set by a person or another tool) is sent back unchanged. Only owned keys enter the
 * fingerprint.</li>
 * <li><b>Resources</b>: ours are matched by the resource extra {@code ods:resource_key} and sent back with
 * their ids (permalinks stay), fields udata keeps on its own (filesize, checksum, schema, udata's own
 * resource extras) preserved. Resources without our key are a person's: appended untouched, with their ids.
 * <b>URL fallback</b>: only for a dataset in which no resource carries a key yet (harvested before keys
 * existed), a keyless resource with the same URL is taken for ours and gains the key; once keys exist, a
 * keyless resource is a person's even when it points to the same file.</li>
 * <li><b>Deleted datasets</b>: a harvested dataset deleted in udata by a person is left alone and reported
 * FILTERED ("deleted in udata by a person; not recreated"): deleting is how an editor says "not this one",
 * and recreating it at every run would fight them. That stays so once udata purged it (404): the deletion
 * is remembered in the job repository ({@code HARVEST_DELETED_IN_UDATA}); {@code udata.restore-deleted} asks for
 * such a dataset again.</li>
 * <li><b>Every PUT carries tags and temporal coverage</b>: udata clears both when a PUT leaves them out
 * ({@link org.odsharvester.udata.UdataBodies}).</li>
 * <li><b>Frequency and temporal coverage</b> are ours only when the source gives them: otherwise a PUT leaves
 * the frequency out and sends back udata's coverage, and neither enters the fingerprint, so what a person set
 * there stays and is no reason to write ({@link org.odsharvester.udata.OwnedContent}).</li>
 * <li><b>Archived datasets</b> that are at the source again are unarchived (whoever archived them: udata
 * does not say who did).</li>
 * <li><b>HTTP 423</b> (read-only mode) fails the run at once (exit 1, relaunch resumes): maintenance outlasts
 * any backoff, and rejecting datasets one by one would reject them all. 401 and 403 fail the run too
 * ({@link org.odsharvester.udata.UdataAccessDeniedException}); 400/422 reject one dataset.</li>
 * <li><b>POST is not idempotent</b>: after a timeout or 5xx on a create, the organization's newest datasets
 * are searched for ours before sending it again; the index rebuild at the start of every execution covers
 * whatever is left (a crash between udata's answer and the index write). A creation udata completes only after
 * the harvester gave up on it leaves a second copy: the rebuild keeps the oldest copy of each source dataset
 * and deletes the younger ones.</li>
 * </ul>
 */
package org.odsharvester.udata;
