package org.odsharvester.launch;

import org.odsharvester.InvalidConfigurationException;
import org.odsharvester.udata.UdataClient;
import org.odsharvester.udata.UdataProperties;
import org.odsharvester.udata.UdataUser;

/** Before any dataset is touched: the key must be accepted and allowed to publish in the organization. */
public class UdataAccessCheck {

    private final UdataClient client;
    private final UdataProperties properties;

    public UdataAccessCheck(UdataClient client, UdataProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    public void check() {
        UdataUser user = client.me();
        if (!user.isMemberOf(properties.organization())) {
            throw new InvalidConfigurationException("The udata API key belongs to a user who is not a member of"
                    + " organization " + properties.organization() + " on " + properties.url()
                    + ", so it cannot publish datasets there; check --udata.organization.");
        }
    }
}
