package org.odsharvester.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.odsharvester.ods.OdsSpatial;
import org.odsharvester.udata.SpatialCoverage;

/**
 * The spatial coverage udata should get from ODS's {@code geographic_reference} codes and {@code bbox}.
 * <p>
 * ODS names an area {@code <country>_<admin level>_<code>} for France's levels and {@code world_<ISO 3166
 * alpha-2>} for a country ({@code world} alone: the whole world). The levels mapped are the ones whose code is
 * udata's (the INSEE code or SIREN that udata's GeoZones use):
 * <ul>
 * <li>{@code fr_40_<region>} → {@code fr:region:<code>} (ODS's level 40 is the regions: its georef layer
 * {@code world_fr} breaks down into {@code 40} regions and {@code 60} départements);</li>
 * <li>{@code fr_60_<département>} → {@code fr:departement:<code>} ({@code fr_60_971} is Guadeloupe);</li>
 * <li>{@code fr_70_<SIREN>} → {@code fr:epci:<SIREN>} (nine digits: {@code fr_70_200054781} is the Métropole du
 * Grand Paris on opendata.paris.fr);</li>
 * <li>{@code fr_80_<INSEE code>} → {@code fr:commune:<code>} ({@code fr_80_75056} is Paris);</li>
 * <li>{@code world_<cc>} → {@code country:<cc>} ({@code world_pt} is Portugal on transparencia.sns.gov.pt);</li>
 * <li>{@code world} → {@code country-group:world} (the id udata's own MAAF harvester maps "monde" to).</li>
 * </ul>
 * Anything else (other countries' subdivisions, whose codes are not udata's) maps to nothing. A zone id is only
 * a candidate: the target keeps only the zones it knows ({@code KnownZones}), and when none is left the bounding
 * box is the geometry. The {@code territory} labels are never read.
 */
public final class SpatialCoverages {

    private static final Pattern FRENCH = Pattern.compile("fr_(40|60|70|80)_([0-9a-z]+)");
    private static final Pattern COUNTRY = Pattern.compile("world_([a-z]{2})");
    private static final Pattern REGION = Pattern.compile("\\d{2}");
    private static final Pattern DEPARTEMENT = Pattern.compile("\\d{2}|2[ab]|97\\d");
    private static final Pattern SIREN = Pattern.compile("\\d{9}");
    private static final Pattern COMMUNE = Pattern.compile("(\\d{2}|2[ab])\\d{3}");

    private SpatialCoverages() {
    }

    /** The udata zone id an ODS area code names, or null when it names none we can establish. */
    public static String zoneId(String odsCode) {
        if (odsCode == null) {
            return null;
        }
        String code = odsCode.strip().toLowerCase(Locale.ROOT);
        if (code.equals("world")) {
            return "country-group:world";
        }
        Matcher country = COUNTRY.matcher(code);
        if (country.matches()) {
            return "country:" + country.group(1);
        }
        Matcher french = FRENCH.matcher(code);
        if (!french.matches()) {
            return null;
        }
        String value = french.group(2);
        return switch (french.group(1)) {
            case "40" -> REGION.matcher(value).matches() ? "fr:region:" + value : null;
            case "60" -> DEPARTEMENT.matcher(value).matches() ? "fr:departement:" + value : null;
            case "70" -> SIREN.matcher(value).matches() ? "fr:epci:" + value : null;
            default -> COMMUNE.matcher(value).matches() ? "fr:commune:" + value : null;
        };
    }

    /**
     * The candidate coverage: the zones the codes map to, and the bounding box to fall back on; null when the
     * portal gives neither (then udata keeps what a person set).
     */
    public static SpatialCoverage of(OdsSpatial spatial) {
        if (spatial == null) {
            return null;
        }
        List<String> zones = new ArrayList<>();
        for (String code : spatial.geographicReference()) {
            String zone = zoneId(code);
            if (zone != null) {
                zones.add(zone);
            }
        }
        return SpatialCoverage.orNull(zones, null, spatial.bbox());
    }
}
