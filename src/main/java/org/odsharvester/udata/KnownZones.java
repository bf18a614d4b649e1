package org.odsharvester.udata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The zones the target udata knows, asked once per zone id and remembered for the run (a portal names few
 * distinct areas). udata refuses a dataset naming a zone it does not know ({@code udata/core/spatial/forms.py}
 * {@code ZonesField.fetch_objects}: "Unknown geoid(s)"), so an unknown zone is dropped before sending, not
 * refused.
 */
public class KnownZones {

    private final Function<String, Optional<String>> levelOf;
    private final Map<String, Optional<String>> levels = new ConcurrentHashMap<>();

    public KnownZones(UdataClient client) {
        this(client::zoneLevel);
    }

    /** @param levelOf a zone's level ({@code ""} when udata gives none), empty when the target does not know it */
    KnownZones(Function<String, Optional<String>> levelOf) {
        this.levelOf = levelOf;
    }

    /**
     * What {@code payload} becomes on this target: its zones the target knows, with their level as granularity when
     * they share one; when it knows none, the bounding box alone; when there is no bounding box either, no spatial
     * coverage (not ours: udata keeps a person's).
     */
    public DatasetPayload resolve(DatasetPayload payload) {
        SpatialCoverage wanted = payload.spatial();
        if (wanted == null) {
            return payload;
        }
        List<String> known = new ArrayList<>();
        String level = null;
        boolean oneLevel = true;
        for (String zone : wanted.zones()) {
            Optional<String> zoneLevel = levels.computeIfAbsent(zone, levelOf);
            if (zoneLevel.isPresent()) {
                known.add(zone);
                String l = zoneLevel.get().isBlank() ? null : zoneLevel.get();
                oneLevel = oneLevel && l != null && (level == null || level.equals(l));
                level = l;
            }
        }
        if (!known.isEmpty()) {
            return payload.withSpatial(new SpatialCoverage(known, oneLevel ? level : null, List.of()));
        }
        return payload.withSpatial(SpatialCoverage.orNull(List.of(), null, wanted.geom()));
    }
}
