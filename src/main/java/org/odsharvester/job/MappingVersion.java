package org.odsharvester.job;

import java.util.Map;
import java.util.TreeMap;

import org.odsharvester.ods.SourceSignature;

/**
 * The version of the harvester's mapping a run maps with: a source dataset unchanged since the last write is skipped
 * only when it would map to the same payload, so everything that makes the same source dataset map otherwise is in
 * it, and a new version makes every dataset changed, once (mapped again, and written only where the payload
 * differs).
 * <p>
 * In it: {@link #REVISION}, the harvester's own version (a new release may map otherwise), and each option that
 * changes the payload ({@code harvest.language}, {@code harvest.default-license}, {@code ods.url}, the API version,
 * {@code ods.inspire}, which decides what is filtered out). <b>A new option that changes the mapped payload (a
 * mapping file, a publisher → organization table) must be added to the options given to {@link #of}</b> (see
 * {@code HarvestJobConfiguration#mappingOptions}), with its content's hash when it names a file.
 */
public final class MappingVersion {

    /**
     * Bump when the mapping changes in a way a release number would not show (a fix within a snapshot), or when the
     * stored hashes change form (2: {@code ContentHash} replaced SHA-256, so that no stored hash matches any more:
     * every dataset is mapped again once, and this says why).
     */
    public static final int REVISION = 2;

    private MappingVersion() {
    }

    /**
     * @param harvester the harvester's version (its User-Agent)
     * @param options   option name → value of every option that changes the mapped payload
     */
    public static String of(String harvester, Map<String, String> options) {
        StringBuilder text = new StringBuilder("revision=").append(REVISION).append('\n')
                .append("harvester=").append(harvester).append('\n');
        new TreeMap<>(options).forEach((name, value) -> text.append(name).append('=').append(value).append('\n'));
        return SourceSignature.sha256(text.toString());
    }
}
