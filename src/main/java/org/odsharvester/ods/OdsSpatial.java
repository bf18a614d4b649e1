package org.odsharvester.ods;

import java.util.List;

/**
 * Where a dataset's data lies, as the portal says it ({@code metas.default} in v2.1, the flat metas in v1).
 * The {@code territory} labels are not kept: nothing is guessed from a name.
 *
 * @param geographicReference the ODS area codes ({@code fr_80_75056}, {@code fr_70_200054781}, {@code world_pt},
 *                            {@code world}…), in portal order, blank ones left out
 * @param bbox                the polygons of {@code bbox} (v2.1 a GeoJSON Feature, v1 a bare geometry; Polygon or
 *                            MultiPolygon), as MultiPolygon coordinates (polygon, ring, position, [lon, lat]); empty
 *                            when the portal has none or sent something else
 */
public record OdsSpatial(List<String> geographicReference, List<List<List<List<Double>>>> bbox) {

    public static final OdsSpatial NONE = new OdsSpatial(List.of(), List.of());

    public OdsSpatial {
        geographicReference = geographicReference == null ? List.of() : List.copyOf(geographicReference);
        bbox = bbox == null ? List.of() : List.copyOf(bbox);
    }
}
