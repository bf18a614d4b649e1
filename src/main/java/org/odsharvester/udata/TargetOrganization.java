package org.odsharvester.udata;

/**
 * The udata organization the harvest writes in, by id: {@code udata.organization} may name it by its slug,
 * which udata refuses on writes (400 "Unsupported identifier") and which changes with the organization's
 * name, so it is resolved to the id once at start-up and the id is used everywhere (run identity, index,
 * listing, creation, report).
 *
 * @param id the organization id; in a dry run, {@code udata.organization} as given (may be null)
 */
public record TargetOrganization(String id) {
}
