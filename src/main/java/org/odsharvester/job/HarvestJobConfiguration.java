package org.odsharvester.job;

import java.util.List;

import javax.sql.DataSource;

import org.odsharvester.mapping.DatasetMappingProcessor;
import org.odsharvester.mapping.HarvestItem;
import org.odsharvester.mapping.InspireFilterProcessor;
import org.odsharvester.mapping.LicenseGuesser;
import org.odsharvester.mapping.NoDataFilterProcessor;
import org.odsharvester.mapping.ResourceBuilderProcessor;
import org.odsharvester.mapping.SourceValidationProcessor;
import org.odsharvester.ods.OdsCatalogApiResolver;
import org.odsharvester.ods.OdsCatalogReader;
import org.odsharvester.ods.OdsDataset;
import org.odsharvester.ods.OdsProperties;
import org.odsharvester.report.DatasetRejectedException;
import org.odsharvester.report.DryRunPayloadWriter;
import org.odsharvester.report.JdbcOutcomeRecorder;
import org.odsharvester.udata.ArchiveMissingTasklet;
import org.odsharvester.udata.DatasetIndex;
import org.odsharvester.udata.IndexRebuildTasklet;
import org.odsharvester.udata.UdataClient;
import org.odsharvester.udata.UdataDatasetWriter;
import org.odsharvester.udata.UdataProperties;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.support.CompositeItemProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The harvest job: rebuild the source → udata index from udata, harvest the catalog chunk by chunk,
 * then archive what disappeared at the source. A dry run is the harvest step alone, writing to a file.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ OdsProperties.class, UdataProperties.class, HarvestProperties.class })
public class HarvestJobConfiguration {

    public static final String JOB_NAME = "odsHarvest";

    @Bean
    Job odsHarvestJob(JobRepository jobRepository, HarvestProperties harvest, Step harvestStep,
            Step indexRebuildStep, Step archiveMissingStep, CurrentExecution currentExecution) {
        if (harvest.dryRun()) {
            return new JobBuilder(JOB_NAME, jobRepository).listener(currentExecution).start(harvestStep).build();
        }
        SimpleJobBuilder job = new JobBuilder(JOB_NAME, jobRepository).listener(currentExecution)
                .start(indexRebuildStep).next(harvestStep);
        // archiving after a trial run would archive everything it did not reach
        if (harvest.archiveMissing() && harvest.maxItems() == null) {
            job = job.next(archiveMissingStep);
        }
        return job.build();
    }

    @Bean
    CurrentExecution currentExecution() {
        return new CurrentExecution();
    }

    @Bean
    Step indexRebuildStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            IndexRebuildTasklet indexRebuildTasklet) {
        return new StepBuilder("indexRebuild", jobRepository)
                .tasklet(indexRebuildTasklet, transactionManager)
                // at every execution, restarts included: udata may hold datasets created just before a crash
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    Step harvestStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            HarvestProperties harvest, OdsCatalogReader odsCatalogReader,
            ItemProcessor<OdsDataset, HarvestItem> harvestProcessor, ObjectProvider<UdataDatasetWriter> udataWriter,
            ObjectProvider<DryRunPayloadWriter> dryRunWriter, RejectedDatasetListener rejectedDatasetListener,
            ProgressListener progressListener) {
        ItemWriter<HarvestItem> writer = harvest.dryRun() ? dryRunWriter.getObject() : udataWriter.getObject();
        return new StepBuilder("harvest", jobRepository)
                .<OdsDataset, HarvestItem>chunk(harvest.chunkSize())
                .transactionManager(transactionManager)
                .reader(odsCatalogReader)
                .processor(harvestProcessor)
                .writer(writer)
                .faultTolerant()
                .skip(DatasetRejectedException.class)
                .skipLimit(harvest.skipLimit())
                .skipListener(rejectedDatasetListener)
                .listener(progressListener)
                .build();
    }

    @Bean
    Step archiveMissingStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            ArchiveMissingTasklet archiveMissingTasklet) {
        return new StepBuilder("archiveMissing", jobRepository)
                .tasklet(archiveMissingTasklet, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    OdsCatalogReader odsCatalogReader(OdsCatalogApiResolver resolver, HarvestProperties harvest,
            DatasetMappingProcessor datasetMappingProcessor, @Value("#{jobParameters['api']}") String api) {
        OdsCatalogReader reader = new OdsCatalogReader(resolver.forVersion(api), 100);
        // descriptions of the page fetched ahead are converted while the current chunk is written
        reader.setPageListener(datasetMappingProcessor::prepare);
        if (harvest.maxItems() != null) {
            reader.setMaxItemCount((int) Math.min(Integer.MAX_VALUE, harvest.maxItems()));
        }
        return reader;
    }

    /**
     * Not step-scoped: the reader's prefetch thread calls {@link DatasetMappingProcessor#prepare}, and a scoped
     * proxy only resolves on a thread the step registered. Its license guesser is job-scoped and is only used
     * by {@code process}, on the step's thread.
     */
    @Bean
    DatasetMappingProcessor datasetMappingProcessor(OdsProperties ods, UdataProperties udata, HarvestProperties harvest,
            LicenseGuesser licenseGuesser) {
        return new DatasetMappingProcessor(ods.url(), udata.organization(), harvest.language(), licenseGuesser);
    }

    @Bean
    @StepScope
    CompositeItemProcessor<OdsDataset, HarvestItem> harvestProcessor(OdsProperties ods, HarvestProperties harvest,
            DataSource dataSource, DatasetMappingProcessor datasetMappingProcessor,
            @Value("#{stepExecution.jobExecution.jobInstance.instanceId}") Long runId) {
        JdbcOutcomeRecorder outcomeRecorder = new JdbcOutcomeRecorder(dataSource, runId);
        return new CompositeItemProcessor<>(List.of(
                new SourceValidationProcessor(),
                new InspireFilterProcessor(ods.inspire(), outcomeRecorder),
                new NoDataFilterProcessor(outcomeRecorder),
                datasetMappingProcessor,
                new ResourceBuilderProcessor(harvest.language())));
    }

    @Bean
    @StepScope
    UdataDatasetWriter udataDatasetWriter(HarvestProperties harvest, UdataClient udataClient,
            DatasetIndex datasetIndex, DataSource dataSource, @Value("#{stepExecution.jobExecution.jobInstance.instanceId}") Long runId) {
        return new UdataDatasetWriter(udataClient, datasetIndex, new JdbcOutcomeRecorder(dataSource, runId),
                harvest.concurrency());
    }

    @Bean
    @StepScope
    DryRunPayloadWriter dryRunPayloadWriter(HarvestProperties harvest, DataSource dataSource,
            @Value("#{stepExecution.jobExecution.jobInstance.instanceId}") Long runId) {
        return new DryRunPayloadWriter(harvest.dryRunFile(runId), new JdbcOutcomeRecorder(dataSource, runId));
    }

    @Bean
    @JobScope
    IndexRebuildTasklet indexRebuildTasklet(UdataClient udataClient, DatasetIndex datasetIndex, OdsProperties ods,
            UdataProperties udata) {
        return new IndexRebuildTasklet(udataClient, datasetIndex, udata.organization(), ods.domain());
    }

    @Bean
    @JobScope
    ArchiveMissingTasklet archiveMissingTasklet(UdataClient udataClient, DatasetIndex datasetIndex,
            DataSource dataSource, OdsProperties ods, @Value("#{jobExecution.jobInstance.instanceId}") Long runId) {
        return new ArchiveMissingTasklet(udataClient, datasetIndex, new JdbcOutcomeRecorder(dataSource, runId),
                ods.domain(), runId);
    }

    @Bean
    @JobScope
    RejectedDatasetListener rejectedDatasetListener(DataSource dataSource, @Value("#{jobExecution.jobInstance.instanceId}") Long runId) {
        return new RejectedDatasetListener(new JdbcOutcomeRecorder(dataSource, runId));
    }

    @Bean
    @StepScope
    ProgressListener progressListener(OdsCatalogReader odsCatalogReader) {
        return new ProgressListener(odsCatalogReader::totalCount, java.time.Duration.ofSeconds(5));
    }
}
