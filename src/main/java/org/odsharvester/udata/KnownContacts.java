package org.odsharvester.udata;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The target organization's contact points, listed once per run and per organization, so that a dataset names
 * the organization's existing contact point with the same name, email and role rather than one per dataset. A
 * missing one is created once ({@code POST /api/1/contacts/}); one udata refuses (its email check also asks DNS
 * whether the domain receives mail, {@code udata/core/checks.py} {@code check_is_email}) is left out of the
 * dataset, not a reason to refuse the dataset, and not asked again in the run.
 */
public class KnownContacts {

    private static final Logger log = LoggerFactory.getLogger(KnownContacts.class);

    private final UdataClient client;
    /** Organization → contact key → the contact point with its id, or empty when udata refused it. */
    private final Map<String, Map<String, Optional<UdataContactPoint>>> byOrganization = new ConcurrentHashMap<>();
    /** A plan's: a missing contact point is kept without id (what a run would create), nothing is created. */
    private volatile boolean plan;

    public KnownContacts(UdataClient client) {
        this.client = client;
    }

    /** Makes these a plan's: nothing is created; a missing contact point stays in the payload without an id. */
    public void planning() {
        this.plan = true;
    }

    /**
     * {@code payload} with the ids of its contact points in the target, those udata refuses left out; in a plan,
     * those the target lacks without an id.
     */
    public DatasetPayload resolve(DatasetPayload payload) {
        if (payload.contactPoints().isEmpty() || payload.organization() == null) {
            return payload;
        }
        Map<String, Optional<UdataContactPoint>> known = byOrganization.computeIfAbsent(payload.organization(),
                this::list);
        List<UdataContactPoint> resolved = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (UdataContactPoint wanted : payload.contactPoints()) {
            if (plan && !known.containsKey(wanted.key())) {
                resolved.add(wanted);
                continue;
            }
            Optional<UdataContactPoint> found = known.computeIfAbsent(wanted.key(),
                    key -> create(wanted, payload.organization()));
            // udata refuses the same contact point twice on a dataset
            if (found.isPresent() && ids.add(found.get().id())) {
                resolved.add(found.get());
            }
        }
        return payload.withContactPoints(resolved);
    }

    private Map<String, Optional<UdataContactPoint>> list(String organization) {
        Map<String, Optional<UdataContactPoint>> known = new ConcurrentHashMap<>();
        for (UdataContactPoint c : client.organizationContacts(organization)) {
            if (c.id() != null && c.name() != null && c.role() != null) {
                known.putIfAbsent(c.key(), Optional.of(c));
            }
        }
        return known;
    }

    private Optional<UdataContactPoint> create(UdataContactPoint wanted, String organization) {
        try {
            return Optional.of(client.createContact(wanted, organization));
        } catch (UdataRejectedException e) {
            log.warn("udata refused the contact point {} <{}> ({}): left out of the datasets that name it: {}",
                    wanted.name(), wanted.email(), wanted.role(), e.udataMessage());
            return Optional.empty();
        }
    }
}
