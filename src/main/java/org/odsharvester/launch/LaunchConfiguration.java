package org.odsharvester.launch;

import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.odsharvester.job.CurrentExecution;
import org.odsharvester.job.HarvestProperties;
import org.odsharvester.ods.OdsCatalogApiResolver;
import org.odsharvester.ods.OdsProperties;
import org.odsharvester.udata.UdataClient;
import org.odsharvester.udata.UdataProperties;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class LaunchConfiguration {

    @Bean
    StaleRunPolicy staleRunPolicy(JobOperator jobOperator, JobRepository jobRepository, DataSource dataSource) {
        boolean exclusive = dataSource instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null
                && hikari.getJdbcUrl().startsWith("jdbc:hsqldb:file:");
        return new StaleRunPolicy(jobOperator, jobRepository, exclusive);
    }

    @Bean
    HarvestLauncher harvestLauncher(OdsProperties ods, UdataProperties udata, HarvestProperties harvest,
            ObjectProvider<UdataClient> udataClient, OdsCatalogApiResolver apiResolver, JobOperator jobOperator,
            JobRepository jobRepository, Job odsHarvestJob, DataSource dataSource, StaleRunPolicy staleRunPolicy,
            CurrentExecution currentExecution, MeterRegistry meters) {
        return new HarvestLauncher(ods, udata, harvest, udataClient, apiResolver, jobOperator, jobRepository,
                odsHarvestJob, dataSource, staleRunPolicy,
                new GracefulShutdown(jobOperator, currentExecution, Duration.ofSeconds(120)), meters);
    }
}
