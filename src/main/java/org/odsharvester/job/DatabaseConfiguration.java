package org.odsharvester.job;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.odsharvester.guard.DataDirLock;
import org.odsharvester.guard.RunGuard;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.io.ClassPathResource;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.datasource.init.DatabasePopulatorUtils;
import org.springframework.jdbc.datasource.init.ScriptException;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * The job repository database: an HSQLDB file under {@code harvest.data-dir} unless
 * {@code spring.datasource.url} names another (PostgreSQL for shared deployments). Our own tables
 * live beside Spring Batch's.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(HarvestProperties.class)
public class DatabaseConfiguration {

    /** Connections beyond the concurrent writers: the chunk transaction, the recorder, the listeners. */
    private static final int SPARE_CONNECTIONS = 4;

    /** Long enough for the other harvester's schema transaction to commit. */
    private static final java.time.Duration SCHEMA_RACE_PAUSE = java.time.Duration.ofSeconds(1);

    /**
     * With the HSQLDB file repository, the data directory is locked before the database is opened: a second
     * harvester on the same directory is refused at once (exit 4), and holding it proves that an execution
     * left running in the repository belongs to a dead process.
     */
    @Bean
    DataDirLock dataDirLock(DataSourceProperties dataSourceProperties, HarvestProperties harvest) {
        return usesDataDirDatabase(dataSourceProperties)
                ? DataDirLock.acquire(harvest.dataDir(), RunGuard.processDescription())
                : DataDirLock.none();
    }

    @Bean
    DataSource dataSource(DataSourceProperties dataSourceProperties, HarvestProperties harvest,
            DataDirLock dataDirLock) throws Exception {
        HikariDataSource dataSource;
        if (usesDataDirDatabase(dataSourceProperties)) {
            Path dataDir = harvest.dataDir();
            Files.createDirectories(dataDir);
            dataSource = new HikariDataSource();
            dataSource.setDriverClassName("org.hsqldb.jdbc.JDBCDriver");
            // write_delay=false: a kill -9 loses no committed chunk; mvcc: our own REQUIRES_NEW writes
            // never wait for the chunk transaction's locks; cached tables: rows live on disk with a bounded
            // cache, not in the heap (HSQLDB's default MEMORY tables would hold the index and every run's
            // outcomes in memory, and reload them all at each start)
            dataSource.setJdbcUrl("jdbc:hsqldb:file:" + dataDir.resolve("jobrepo") + ";hsqldb.write_delay=false"
                    + ";hsqldb.tx=mvcc;hsqldb.default_table_type=cached;shutdown=true");
            dataSource.setUsername("SA");
            dataSource.setPassword("");
        } else {
            dataSource = dataSourceProperties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
        }
        dataSource.setPoolName("job-repository");
        dataSource.setMaximumPoolSize(harvest.concurrency() + SPARE_CONNECTIONS);
        return dataSource;
    }

    private static boolean usesDataDirDatabase(DataSourceProperties dataSourceProperties) {
        return dataSourceProperties.getUrl() == null || dataSourceProperties.getUrl().isBlank();
    }

    /**
     * Eager even when the context is lazy: every start creates our tables if they are missing. Two harvesters
     * meeting a fresh shared database at the same moment can both try (PostgreSQL then refuses one of the
     * concurrent {@code CREATE ... IF NOT EXISTS}): the loser runs the script once more, finding the tables made.
     */
    @Bean
    @Lazy(false)
    InitializingBean harvesterSchema(DataSource dataSource) {
        ResourceDatabasePopulator script = new ResourceDatabasePopulator(new ClassPathResource("db/harvester-schema.sql"));
        return () -> {
            try {
                DatabasePopulatorUtils.execute(script, dataSource);
            } catch (ScriptException raced) {
                Thread.sleep(SCHEMA_RACE_PAUSE.toMillis());
                DatabasePopulatorUtils.execute(script, dataSource);
            }
        };
    }
}
