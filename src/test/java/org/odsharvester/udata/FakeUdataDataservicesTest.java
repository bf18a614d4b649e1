package org.odsharvester.udata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The fake's /api/1/dataservices/ refuses and accepts what udata/core/dataservices/api.py and models.py do. */
class FakeUdataDataservicesTest {

    @RegisterExtension
    static final FakeUdataExtension udata = new FakeUdataExtension();
    private final FakeUdata fake = udata.fake();
    private final UdataClient client = UdataFixtures.client(fake);
    private final JsonMapper json = JsonMapper.builder().build();

    private ObjectNode body(String title) {
        ObjectNode body = json.createObjectNode();
        if (title != null) {
            body.put("title", title);
        }
        body.put("base_api_url", "https://data.example.org/api/explore/v2.1/");
        body.put("organization", fake.organization());
        return body;
    }

    @Test
    void aTitleIsRequired() {
        assertThatThrownBy(() -> client.createDataservice(body(null))).isInstanceOf(UdataRejectedException.class)
                .hasMessageContaining("title");
        assertThat(fake.dataservices()).isEmpty();
    }

    @Test
    void aPrivateAddressIsRefusedWhenTheInstanceRefusesThem() {
        fake.setRefusePrivateUrls(true);
        ObjectNode body = body("API");
        body.put("base_api_url", "http://127.0.0.1:8080/api/");

        assertThatThrownBy(() -> client.createDataservice(body)).isInstanceOf(UdataRejectedException.class)
                .hasMessageContaining("base_api_url");
    }

    @Test
    void linkingIgnoresUnknownDatasetsRefusesMalformedIdsAndReadsBackAsALink() {
        String dataset = fake.addForeignDataset("A dataset");
        String id = client.createDataservice(body("API")).id();

        client.linkDatasets(id, List.of(dataset, "0123456789abcdef01234567", dataset));

        assertThat(fake.dataserviceDatasetIds(id)).containsExactly(dataset);
        assertThat(client.dataserviceDatasets(id)).containsExactly(dataset);
        assertThatThrownBy(() -> client.linkDatasets(id, List.of("not-an-id")))
                .isInstanceOf(UdataRejectedException.class).hasMessageContaining("Malformed");
        client.unlinkDataset(id, dataset);
        assertThat(fake.dataserviceDatasetIds(id)).isEmpty();
    }

    @Test
    void theListingLeavesOutDeletedOnes() {
        String kept = client.createDataservice(body("Kept")).id();
        String deleted = client.createDataservice(body("Deleted")).id();
        fake.deleteDataservice(deleted);

        assertThat(client.organizationDataservices(fake.organization())).extracting(UdataDataservice::id)
                .containsExactly(kept);
    }
}
