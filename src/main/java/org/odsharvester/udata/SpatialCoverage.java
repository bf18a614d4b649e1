package org.odsharvester.udata;

import java.util.ArrayList;
import java.util.List;

/**
 * udata's {@code spatial} ({@code udata/core/spatial/models.py} {@code SpatialCoverage}): zones, a granularity and
 * a MultiPolygon. udata refuses zones together with a geometry ({@code SpatialCoverage.clean}), so what is sent
 * has one or the other; what the mapping makes (before the zones are checked against the target,
 * {@link KnownZones#resolve}) may carry both: the zones to try, and the geometry to fall back to.
 *
 * @param zones       udata zone ids ({@code fr:commune:75056}, {@code country:pt}…), in source order, distinct
 * @param granularity a udata granularity id (the zones' level, {@code fr:commune}…), or null: not ours
 * @param geom        MultiPolygon coordinates, rounded to 6 decimals as udata stores them; empty for none
 */
public record SpatialCoverage(List<String> zones, String granularity, List<List<List<List<Double>>>> geom) {

    public SpatialCoverage {
        zones = zones == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(zones));
        granularity = granularity == null || granularity.isBlank() ? null : granularity.strip();
        geom = geom == null ? List.of() : rounded(geom);
    }

    /** Null when it says nothing (no zone, no geometry). */
    public static SpatialCoverage orNull(List<String> zones, String granularity,
            List<List<List<List<Double>>>> geom) {
        SpatialCoverage coverage = new SpatialCoverage(zones, granularity, geom);
        return coverage.zones().isEmpty() && coverage.geom().isEmpty() ? null : coverage;
    }

    /** The same coordinates rounded to 6 decimals (about 0.1 m), udata's precision. */
    static List<List<List<List<Double>>>> rounded(List<List<List<List<Double>>>> polygons) {
        List<List<List<List<Double>>>> copy = new ArrayList<>();
        for (List<List<List<Double>>> polygon : polygons) {
            List<List<List<Double>>> rings = new ArrayList<>();
            for (List<List<Double>> ring : polygon) {
                List<List<Double>> positions = new ArrayList<>();
                for (List<Double> position : ring) {
                    List<Double> values = new ArrayList<>();
                    for (Double value : position) {
                        values.add(value == null ? 0.0 : Math.round(value * 1e6) / 1e6);
                    }
                    positions.add(List.copyOf(values));
                }
                rings.add(List.copyOf(positions));
            }
            copy.add(List.copyOf(rings));
        }
        return List.copyOf(copy);
    }
}
