package org.odsharvester.udata;

import java.util.Map;

/**
 * An organization as {@code GET /api/1/organizations/{id or slug}/} tells it.
 *
 * @param id           organization id
 * @param slug         slug
 * @param roleByUserId the role of each member ({@code admin}, {@code editor}, {@code partial_editor}), by user id
 */
public record UdataOrganization(String id, String slug, Map<String, String> roleByUserId) {

    /** The udata 17 role that may create datasets but only edit those assigned to the member (the ones they made). */
    public static final String PARTIAL_EDITOR = "partial_editor";

    public UdataOrganization {
        roleByUserId = roleByUserId == null ? Map.of() : Map.copyOf(roleByUserId);
    }

    /** The member's role, or null when the organization does not list them. */
    public String roleOf(String userId) {
        return userId == null ? null : roleByUserId.get(userId);
    }
}
