package org.odsharvester.launch;

import org.odsharvester.InvalidConfigurationException;
import org.odsharvester.udata.TargetOrganization;
import org.odsharvester.udata.UdataClient;
import org.odsharvester.udata.UdataOrganization;
import org.odsharvester.udata.UdataProperties;
import org.odsharvester.udata.UdataUser;

/**
 * Before any dataset is touched: the key must be accepted, its user a member of the organization (given by id
 * or slug, resolved here to the id), with a role that can edit the organization's datasets.
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
        UdataUser.Organization membership = user.organization(properties.organization());
        if (membership == null || membership.id() == null) {
            throw new InvalidConfigurationException("The udata API key belongs to a user who is not a member of"
                    + " organization " + properties.organization() + " on " + properties.url()
                    + ", so it cannot publish datasets there; check --udata.organization.");
        }
        // udata 17: a partial editor creates datasets but may only edit those assigned to them (403 on the others,
        // udata/core/dataset/permissions.py OwnablePermission), so updating and archiving would fail dataset by dataset
        UdataOrganization organization = client.organization(membership.id());
        if (UdataOrganization.PARTIAL_EDITOR.equals(organization.roleOf(user.id()))) {
            throw new InvalidConfigurationException("The udata API key belongs to a partial editor of organization "
                    + properties.organization() + " on " + properties.url() + ", who cannot edit the datasets of"
                    + " the organization they did not create; use the key of an editor or an admin of it.");
        }
        return new TargetOrganization(membership.id());
    }
}
