package org.odsharvester.launch;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.odsharvester.guard.DataDirLock;
import org.odsharvester.guard.RunGuard;
import org.odsharvester.guard.RunLeases;
import org.odsharvester.job.CurrentExecution;
import org.odsharvester.job.HarvestProperties;
import org.odsharvester.ods.OdsCatalogApiResolver;
import org.odsharvester.ods.OdsProperties;
import org.odsharvester.udata.OrganizationsFile;
import org.odsharvester.udata.RunOrganizations;
import org.odsharvester.udata.TargetOrganization;
import org.odsharvester.udata.UdataClient;
import org.odsharvester.udata.UdataProperties;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

@Configuration(proxyBeanMethods = false)
public class LaunchConfiguration {

    @Bean
    StaleRunPolicy staleRunPolicy(JobOperator jobOperator, JobRepository jobRepository) {
        return new StaleRunPolicy(jobOperator, jobRepository);
    }

    /** The data directory's lock proves exclusivity for the HSQLDB file; a shared database relies on heartbeats. */
    @Bean
    RunGuard runGuard(DataSource dataSource, HarvestProperties harvest, DataDirLock dataDirLock) {
        return new RunGuard(new RunLeases(dataSource), harvest.staleAfter(), dataDirLock.isHeld(), Clock.systemUTC());
    }

    /**
     * Resolved once, when the launcher first asks, before anything is written: the key's access is checked and a
     * slug becomes the organization's id ({@link UdataAccessCheck}). A dry run has no udata to ask.
     */
    @Bean
    @Lazy
    TargetOrganization targetOrganization(RunOrganizations runOrganizations) {
        return new TargetOrganization(runOrganizations.defaultOrganization());
    }

    /**
     * udata.organization and the organizations of udata.organizations-file, checked together when the launcher first
     * asks for the target organization: the file is read first (a bad line is exit 2 before any request), then each
     * organization is checked like udata.organization. A dry run only reads the file: its organizations stay as
     * written (ids or slugs), there is no udata to ask.
     */
    @Bean
    @Lazy
    RunOrganizations runOrganizations(UdataProperties udata, HarvestProperties harvest,
            ObjectProvider<UdataClient> udataClient) {
        OrganizationsFile file = udata.organizationsFile() == null ? null
                : OrganizationsFile.read(udata.organizationsFile());
        if (harvest.dryRun()) {
            Map<String, String> byPublisher = new HashMap<>();
            if (file != null) {
                file.lines().forEach(line -> byPublisher.put(OrganizationsFile.key(line.publisher()),
                        line.organization()));
            }
            return new RunOrganizations(udata.organization(), byPublisher);
        }
        udata.requireComplete();
        return new UdataAccessCheck(udataClient.getObject(), udata).check(file);
    }

    @Bean
    HarvestLauncher harvestLauncher(OdsProperties ods, UdataProperties udata, HarvestProperties harvest,
            ObjectProvider<TargetOrganization> targetOrganization, OdsCatalogApiResolver apiResolver,
            JobOperator jobOperator,
            JobRepository jobRepository, Job odsHarvestJob, DataSource dataSource, StaleRunPolicy staleRunPolicy,
            CurrentExecution currentExecution, RunGuard runGuard, MeterRegistry meters) {
        return new HarvestLauncher(ods, udata, harvest, targetOrganization, apiResolver, jobOperator, jobRepository,
                odsHarvestJob, dataSource, staleRunPolicy,
                new GracefulShutdown(jobOperator, currentExecution, Duration.ofSeconds(120)), runGuard,
                currentExecution, meters);
    }
}
