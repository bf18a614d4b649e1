package org.odsharvester.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.odsharvester.ods.OdsDataset;
import org.odsharvester.udata.UdataContactPoint;

/**
 * The contact points udata should get from a dataset, with the roles udata's own DCAT harvester gives the same
 * agents ({@code udata/rdf.py} {@code contact_points_from_rdf}: {@code dcat:contactPoint} → {@code contact},
 * {@code dct:creator} → {@code creator}, {@code dct:publisher} → {@code publisher}):
 * <ul>
 * <li>{@code contact}: {@code dcat.contact_name} with {@code dcat.contact_email}; udata wants an email (or a
 * contact form) for this role, so without a valid email there is none; without a name, the email is the name;</li>
 * <li>{@code creator}: {@code dcat.creator}, a name;</li>
 * <li>{@code publisher}: the portal's {@code publisher}, a name.</li>
 * </ul>
 * An email that is not an address (udata checks it with {@code email_validator}, {@code udata/core/checks.py}
 * {@code check_is_email}) is never sent; udata's own check also asks DNS whether the domain receives mail, which
 * only udata can do: a contact point it refuses is left out at write time.
 */
public final class ContactPoints {

    /** udata's {@code ContactPoint.name} max_length. */
    static final int NAME_LIMIT = 255;

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern EMAIL = Pattern.compile(
            "(?i)[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    private ContactPoints() {
    }

    public static List<UdataContactPoint> of(OdsDataset item) {
        List<UdataContactPoint> contacts = new ArrayList<>();
        String email = email(item.dcat("contact_email"));
        String name = name(item.dcat("contact_name"));
        if (email != null) {
            contacts.add(new UdataContactPoint(null, name != null ? name : email, email, "contact"));
        }
        String creator = name(item.dcat("creator"));
        if (creator != null) {
            contacts.add(new UdataContactPoint(null, creator, null, "creator"));
        }
        String publisher = name(item.publisher());
        if (publisher != null) {
            contacts.add(new UdataContactPoint(null, publisher, null, "publisher"));
        }
        return contacts;
    }

    /** An address {@code email_validator} would take for one (syntax only), or null. */
    static String email(String value) {
        if (value == null) {
            return null;
        }
        String email = value.strip();
        return email.length() <= NAME_LIMIT && EMAIL.matcher(email).matches() ? email : null;
    }

    private static String name(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String name = WHITESPACE.matcher(value.strip()).replaceAll(" ");
        return name.length() <= NAME_LIMIT ? name : name.substring(0, NAME_LIMIT - 1).strip() + "…";
    }
}
