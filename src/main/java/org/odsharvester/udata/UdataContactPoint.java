package org.odsharvester.udata;

import java.util.Locale;

/**
 * A udata 17 contact point ({@code udata/core/contact_point/models.py} {@code ContactPoint}): its own object,
 * owned by the organization, that datasets name by id.
 *
 * @param id    udata's id; null until found or created in the target
 * @param name  required, at most 255 characters
 * @param email may be null (then the role cannot be {@code contact}: udata wants an email or a contact form)
 * @param role  one of udata's {@code CONTACT_ROLES}: we use {@code contact}, {@code creator}, {@code publisher}
 */
public record UdataContactPoint(String id, String name, String email, String role) {

    public UdataContactPoint {
        name = name == null ? null : name.strip();
        email = email == null || email.isBlank() ? null : email.strip();
    }

    /** What makes two contact points the same one for udata's get-or-create: name, email and role. */
    public String key() {
        return role + "\n" + name + "\n" + (email == null ? "" : email.toLowerCase(Locale.ROOT));
    }

    public UdataContactPoint withId(String newId) {
        return new UdataContactPoint(newId, name, email, role);
    }
}
