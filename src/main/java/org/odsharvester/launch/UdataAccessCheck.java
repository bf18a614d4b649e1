package org.odsharvester.launch;

import java.util.HashMap;
import java.util.Map;

import org.odsharvester.InvalidConfigurationException;
import org.odsharvester.udata.OrganizationsFile;
import org.odsharvester.udata.RunOrganizations;
import org.odsharvester.udata.TargetOrganization;
import org.odsharvester.udata.UdataClient;
import org.odsharvester.udata.UdataOrganization;
import org.odsharvester.udata.UdataProperties;
import org.odsharvester.udata.UdataUser;

/**
 * Before any dataset is touched: the key must be accepted, its user a member of the organization (given by id
 * or slug, resolved here to the id), with a role that can edit the organization's datasets. The same for each
 * organization of {@code udata.organizations-file}, which names the line of the file when it fails.
 */
public class UdataAccessCheck {

    private final UdataClient client;
    private final UdataProperties properties;

    public UdataAccessCheck(UdataClient client, UdataProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    /** The organization by id; an {@link InvalidConfigurationException} (exit 2) when the key cannot harvest there. */
    public TargetOrganization check() {
        UdataUser user = client.me();
        return new TargetOrganization(check(user, properties.organization(), "--udata.organization"));
    }

    /**
     * Every organization of the run by id: {@code udata.organization}, then each of the mapping file (one request
     * per distinct organization); an {@link InvalidConfigurationException} (exit 2) at the first the key cannot
     * harvest in.
     */
    public RunOrganizations check(OrganizationsFile file) {
        UdataUser user = client.me();
        String byDefault = check(user, properties.organization(), "--udata.organization");
        Map<String, String> resolved = new HashMap<>();
        resolved.put(properties.organization(), byDefault);
        Map<String, String> byPublisher = new HashMap<>();
        if (file != null) {
            for (OrganizationsFile.Line line : file.lines()) {
                String id = resolved.get(line.organization());
                if (id == null) {
                    id = check(user, line.organization(), "line " + line.number() + " of the organizations file "
                            + file.path() + " (publisher '" + line.publisher() + "')");
                    resolved.put(line.organization(), id);
                }
                byPublisher.put(OrganizationsFile.key(line.publisher()), id);
            }
        }
        return new RunOrganizations(byDefault, byPublisher);
    }

    private String check(UdataUser user, String organization, String where) {
        UdataUser.Organization membership = user.organization(organization);
        if (membership == null || membership.id() == null) {
            throw new InvalidConfigurationException("The udata API key belongs to a user who is not a member of"
                    + " organization " + organization + " on " + properties.url()
                    + ", so it cannot publish datasets there; check " + where + ".");
        }
        // udata 17: a partial editor creates datasets but may only edit those assigned to them (403 on the others,
        // udata/core/dataset/permissions.py OwnablePermission), so updating and archiving would fail dataset by dataset
        UdataOrganization udataOrganization = client.organization(membership.id());
        if (UdataOrganization.PARTIAL_EDITOR.equals(udataOrganization.roleOf(user.id()))) {
            throw new InvalidConfigurationException("The udata API key belongs to a partial editor of organization "
                    + organization + " on " + properties.url() + ", who cannot edit the datasets of"
                    + " the organization they did not create; use the key of an editor or an admin of it (" + where
                    + ").");
        }
        return membership.id();
    }
}
