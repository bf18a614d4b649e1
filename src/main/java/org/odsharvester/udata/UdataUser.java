package org.odsharvester.udata;

import java.util.List;

/**
 * The owner of the API key, as {@code GET /api/1/me/} tells.
 *
 * @param id            udata user id
 * @param organizations the organizations the user is a member of
 */
public record UdataUser(String id, List<Organization> organizations) {

    public UdataUser {
        organizations = organizations == null ? List.of() : List.copyOf(organizations);
    }

    /** True when the user belongs to the organization given by its id or slug. */
    public boolean isMemberOf(String organization) {
        return organization != null && organizations.stream()
                .anyMatch(o -> organization.equals(o.id()) || organization.equals(o.slug()));
    }

    /** The organization of the user given by its id or slug, or null when the user is not a member. */
    public Organization organization(String idOrSlug) {
        return idOrSlug == null ? null : organizations.stream()
                .filter(o -> idOrSlug.equals(o.id()) || idOrSlug.equals(o.slug())).findFirst().orElse(null);
    }

    /**
     * @param id   organization id
     * @param name display name
     * @param slug slug, may be null
     */
    public record Organization(String id, String name, String slug) {
    }
}
