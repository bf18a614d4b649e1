package org.odsharvester.udata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The udata organizations a run publishes in: {@code udata.organization} (the default, which also owns the
 * dataservice and names the run) and those of {@code udata.organizations-file}, each by id once checked at
 * start-up ({@code launch.UdataAccessCheck}); in a dry run, as the options and the file give them (ids or slugs).
 *
 * @param defaultOrganization the organization of the datasets whose publisher the file does not name
 * @param byPublisher         {@link OrganizationsFile#key publisher key} → organization
 */
public record RunOrganizations(String defaultOrganization, Map<String, String> byPublisher) {

    public RunOrganizations {
        byPublisher = Map.copyOf(byPublisher);
    }

    /** A run without a mapping file: every dataset in {@code organization}. */
    public static RunOrganizations only(String organization) {
        return new RunOrganizations(organization, Map.of());
    }

    /** The organization a dataset of this publisher is created in. */
    public String forPublisher(String publisher) {
        String mapped = publisher == null ? null : byPublisher.get(OrganizationsFile.key(publisher));
        return mapped != null ? mapped : defaultOrganization;
    }

    /** Every organization of the run, each once: the default first, then the file's in a stable order. */
    public List<String> all() {
        List<String> all = new ArrayList<>();
        if (defaultOrganization != null) {
            all.add(defaultOrganization);
        }
        byPublisher.values().stream().filter(Objects::nonNull).distinct().sorted()
                .filter(o -> !all.contains(o)).forEach(all::add);
        return List.copyOf(all);
    }
}
