package org.odsharvester.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.transaction.annotation.Isolation;

/**
 * Job instances are created at read committed, not Spring Batch's SERIALIZABLE: two sources starting at the same
 * moment on one PostgreSQL repository made one of them fail with a serialization error (seen in
 * PostgresRunGuardIT.differentSourcesHarvestSideBySideOnOneRepository). Bound as Boot binds it, so that a misspelt
 * key, which Boot would ignore, fails here.
 */
class JobRepositoryIsolationTest {

    @Test
    void jobInstancesAreCreatedAtReadCommitted() throws IOException {
        Properties application = PropertiesLoaderUtils.loadProperties(new ClassPathResource("application.properties"));

        BatchJdbcProperties batch = new Binder(new MapConfigurationPropertySource(application))
                .bind("spring.batch.jdbc", BatchJdbcProperties.class).get();

        assertThat(batch.getIsolationLevelForCreate()).isEqualTo(Isolation.READ_COMMITTED);
    }
}
