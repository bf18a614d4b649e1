package org.odsharvester.job;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.odsharvester.mapping.DatasetMappingProcessor;
import org.odsharvester.mapping.HarvestItem;
import org.odsharvester.mapping.InspireFilterProcessor;
import org.odsharvester.mapping.LicenseGuesser;
import org.odsharvester.mapping.NoDataFilterProcessor;
import org.odsharvester.mapping.ResourceBuilderProcessor;
import org.odsharvester.mapping.SourceValidationProcessor;
import org.odsharvester.ods.ListedCatalogApi;
import org.odsharvester.ods.OdsCatalogApi;
import org.odsharvester.ods.OdsCatalogApiResolver;
import org.odsharvester.ods.SkippingUnchangedApi;
import org.odsharvester.ods.OdsCatalogReader;
import org.odsharvester.ods.OdsCatalogReaderBuilder;
import org.odsharvester.ods.OdsDataset;
import org.odsharvester.ods.OdsProperties;
import org.odsharvester.report.DryRunPayloadWriter;
import org.odsharvester.report.JdbcOutcomeRecorder;
import org.odsharvester.report.OutcomeRecorders;
import org.odsharvester.report.OutcomeQueries;
import org.odsharvester.udata.ArchiveMissingTasklet;
import org.odsharvester.udata.ArchivePolicy;
import org.odsharvester.udata.DataserviceLinks;
import org.odsharvester.udata.MassArchiveGuard;
import org.odsharvester.udata.MissingDatasets;
import org.odsharvester.udata.OtherAddresses;
import org.odsharvester.udata.PortalDataserviceTasklet;
import org.odsharvester.udata.DatasetIndex;
import org.odsharvester.udata.DatasetOrganizations;
import org.odsharvester.udata.IndexRebuildTasklet;
import org.odsharvester.udata.SourceStates;
import org.odsharvester.udata.UdataClient;
import org.odsharvester.udata.RunOrganizations;
import org.odsharvester.udata.TargetOrganization;
import org.odsharvester.udata.UdataDatasetWriter;
import org.odsharvester.udata.UdataProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.configuration.annotation.JobScope;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.builder.TaskletStepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.support.CompositeItemProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The harvest job: rebuild the source → udata index from udata, harvest the catalog chunk by chunk,
 * then archive what disappeared at the source. A dry run is the harvest step alone, writing to a file. A plan is
 * the whole job on a copy of the target's state (udata.PlanScratch), with a writer and an archive step that send
 * nothing.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ OdsProperties.class, UdataProperties.class, HarvestProperties.class })
public class HarvestJobConfiguration {

    /** Datasets per ODS catalog request: the Explore API's largest page. */
    static final int PAGE_SIZE = 100;

    public static final String JOB_NAME = "odsHarvest";

    @Bean
    Job odsHarvestJob(JobRepository jobRepository, HarvestProperties harvest, Step harvestStep,
            Step indexRebuildStep, Step catalogListingStep, Step archiveMissingStep, Step dataserviceStep,
            CurrentExecution currentExecution, ObservationRegistry observations) {
        if (harvest.dryRun()) {
            return new JobBuilder(JOB_NAME, jobRepository).observationRegistry(observations)
                    .listener(currentExecution).start(harvestStep).build();
        }
        // after a partial read (trial run, catalog changed while read) the step itself archives nothing: a
        // resumed run may not repeat harvest.max-items, but its reader still stops where the run's limit was.
        // With harvest.archive-missing=false it still runs, to forget the absence of datasets seen again.
        return new JobBuilder(JOB_NAME, jobRepository).observationRegistry(observations)
                .listener(currentExecution).start(indexRebuildStep)
                // after the rebuild: what was edited in udata is known. Completed once per run: a restart keeps the
                // listing, and does not list again
                .next(catalogListingStep).next(harvestStep).next(archiveMissingStep)
                // after archiving: it links the datasets still present
                .next(dataserviceStep).build();
    }

    @Bean
    OutcomeRecorders outcomeRecorders(DataSource dataSource, MeterRegistry meterRegistry) {
        return new OutcomeRecorders(dataSource, meterRegistry);
    }

    @Bean
    CurrentExecution currentExecution() {
        return new CurrentExecution();
    }

    @Bean
    Step indexRebuildStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            IndexRebuildTasklet indexRebuildTasklet, ObservationRegistry observations) {
        return taskletStep("indexRebuild", indexRebuildTasklet, jobRepository, transactionManager, observations)
                // at every execution, restarts included: udata may hold datasets created just before a crash
                .allowStartIfComplete(true)
                .build();
    }

    @Bean
    Step catalogListingStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            CatalogListingTasklet catalogListingTasklet, ObservationRegistry observations) {
        return taskletStep("catalogListing", catalogListingTasklet, jobRepository, transactionManager, observations)
                .build();
    }

    /** A step of one tasklet, observed like the others. */
    private static TaskletStepBuilder taskletStep(String name, Tasklet tasklet, JobRepository jobRepository,
            PlatformTransactionManager transactionManager, ObservationRegistry observations) {
        return new StepBuilder(name, jobRepository).observationRegistry(observations)
                .tasklet(tasklet, transactionManager);
    }

    @Bean
    CatalogPasses catalogPasses(DataSource dataSource) {
        return new CatalogPasses(dataSource);
    }

    @Bean
    @JobScope
    CatalogListingTasklet catalogListingTasklet(JobRepository jobRepository, CatalogPasses catalogPasses,
            OdsCatalogApiResolver resolver,
            DataSource dataSource, DatasetIndex datasetIndex, OdsProperties ods, HarvestProperties harvest,
            ClientsConfiguration.UserAgent userAgent, Clock clock, ThisRun thisRun,
            ObjectProvider<RunOrganizations> runOrganizations) {
        return new CatalogListingTasklet(catalogPasses, resolver.forVersion(thisRun.api()),
                sourceStates(dataSource, datasetIndex, ods, harvest, userAgent, thisRun,
                        runOrganizations.getIfAvailable()), thisRun.id(),
                datasetIndex.targetKey(), ods.domain(), harvest.full(), harvest.fullEvery(), clock,
                context -> jobRepository.getLastStepExecution(
                        context.getStepContext().getStepExecution().getJobExecution().getJobInstance(), "harvest") != null);
    }

    /**
     * What the harvester remembers of each dataset it wrote, under this run's mapping version. Not a bean: the reader's
     * prefetch thread asks it, and a scoped proxy only resolves on a thread the step registered.
     */
    static SourceStates sourceStates(DataSource dataSource, DatasetIndex datasetIndex, OdsProperties ods,
            HarvestProperties harvest, ClientsConfiguration.UserAgent userAgent, ThisRun thisRun,
            @Nullable RunOrganizations organizations) {
        return new SourceStates(dataSource, datasetIndex.targetKey(), ods.domain(),
                MappingVersion.of(userAgent.value(), mappingOptions(ods, harvest, thisRun.api(), organizations)));
    }

    /**
     * Every option that changes the payload a source dataset maps to (see {@link MappingVersion}): add a new one here
     * (a mapping file by the hash of its content), or datasets unchanged at the source keep the old mapping.
     */
    static Map<String, String> mappingOptions(OdsProperties ods, HarvestProperties harvest, @Nullable String api,
            @Nullable RunOrganizations organizations) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("harvest.language", harvest.language());
        options.put("harvest.default-license", harvest.defaultLicense());
        options.put("ods.url", ods.url());
        options.put("ods.api", String.valueOf(api));
        options.put("ods.inspire", String.valueOf(ods.inspire()));
        if (organizations != null && !organizations.byPublisher().isEmpty()) {
            // the organization a new dataset is created in: a changed file maps every dataset again once, so that the
            // datasets it now sends elsewhere are reported (organizationMismatch)
            options.put("udata.organizations-file", new java.util.TreeMap<>(organizations.byPublisher()).toString());
        }
        return options;
    }

    @Bean
    Step harvestStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            HarvestProperties harvest, OdsProperties ods, OdsCatalogReader odsCatalogReader,
            ItemProcessor<OdsDataset, HarvestItem> harvestProcessor, ObjectProvider<UdataDatasetWriter> udataWriter,
            ObjectProvider<DryRunPayloadWriter> dryRunWriter, RejectedDatasetListener rejectedDatasetListener,
            ProgressListener progressListener, CatalogCompletenessListener catalogCompletenessListener,
            RejectionSkipPolicy rejectionSkipPolicy, ObjectProvider<CatalogPassListener> catalogPassListener,
            ObservationRegistry observations) {
        ItemWriter<HarvestItem> writer = harvest.dryRun() ? dryRunWriter.getObject() : udataWriter.getObject();
        String domain = ods.domain();
        // a dataset the reader found unchanged since the last write is not validated, filtered nor mapped again
        ItemProcessor<OdsDataset, HarvestItem> processor = item -> item.isUnchanged()
                ? HarvestItem.unchanged(item, domain) : harvestProcessor.process(item);
        StepBuilder step = new StepBuilder("harvest", jobRepository);
        if (!harvest.dryRun()) {
            step.listener(catalogPassListener.getObject());
        }
        return step
                .<OdsDataset, HarvestItem>chunk(harvest.chunkSize())
                .observationRegistry(observations)
                .transactionManager(transactionManager)
                .reader(odsCatalogReader)
                .processor(processor)
                .writer(writer)
                .faultTolerant()
                // no step-level retry: each HTTP request is retried on its own (BoundedHttp), since retrying a
                // chunk would send every dataset of the chunk again
                .skipPolicy(rejectionSkipPolicy)
                .skipListener(rejectedDatasetListener)
                .listener(progressListener)
                .listener(catalogCompletenessListener)
                .build();
    }

    @Bean
    Step archiveMissingStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            ArchiveMissingTasklet archiveMissingTasklet, ObservationRegistry observations) {
        return taskletStep("archiveMissing", archiveMissingTasklet, jobRepository, transactionManager, observations)
                .build();
    }

    @Bean
    Step dataserviceStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            PortalDataserviceTasklet portalDataserviceTasklet, ObservationRegistry observations) {
        return taskletStep("dataservice", portalDataserviceTasklet, jobRepository, transactionManager, observations)
                .build();
    }

    /** The run the job's beans belong to: its id and parameters, read from the job execution here only. */
    @Bean
    @JobScope
    ThisRun thisRun(@Value(ThisRun.ID) Long id, @Value(ThisRun.NUMBER) @Nullable Long number,
            @Value(ThisRun.API) @Nullable String api) {
        return new ThisRun(id, number, api);
    }

    @Bean
    @StepScope
    OdsCatalogReader odsCatalogReader(OdsCatalogApiResolver resolver, HarvestProperties harvest,
            DatasetMappingProcessor datasetMappingProcessor, ThisRun thisRun, ObjectProvider<CatalogPasses> passes,
            DataSource dataSource, ObjectProvider<DatasetIndex> datasetIndex,
            OdsProperties ods, ClientsConfiguration.UserAgent userAgent,
            ObjectProvider<RunOrganizations> runOrganizations) {
        OdsCatalogApi api = resolver.forVersion(thisRun.api());
        // a dry run never looks at udata: it reads and maps everything
        CatalogPasses.Pass pass = harvest.dryRun() ? null : passes.getObject().find(thisRun.id());
        if (pass != null && !pass.full()) {
            SourceStates states = sourceStates(dataSource, datasetIndex.getObject(), ods, harvest, userAgent, thisRun,
                    runOrganizations.getIfAvailable());
            api = pass.listed()
                    ? new ListedCatalogApi(api, passes.getObject().listing(thisRun.id()), states, pass.toFetch())
                    : new SkippingUnchangedApi(api, states);
        }
        OdsCatalogReaderBuilder reader = new OdsCatalogReaderBuilder()
                .api(api)
                .pageSize(PAGE_SIZE)
                .pagesAhead(pagesAhead(harvest))
                // descriptions of the page fetched ahead are converted while the current chunk is written (not those
                // of the datasets found unchanged: they are not mapped)
                .pageListener(page -> datasetMappingProcessor.prepare(page.stream().filter(d -> !d.isUnchanged())
                        .toList()));
        if (harvest.maxItems() != null) {
            reader.maxItemCount((int) Math.min(Integer.MAX_VALUE, harvest.maxItems()));
        }
        return reader.build();
    }

    /**
     * Not step-scoped: the reader's prefetch thread calls {@link DatasetMappingProcessor#prepare}, and a scoped
     * proxy only resolves on a thread the step registered. Its license guesser is job-scoped and is only used
     * by {@code process}, on the step's thread.
     */
    @Bean
    DatasetMappingProcessor datasetMappingProcessor(OdsProperties ods, TargetOrganization organization,
            ObjectProvider<RunOrganizations> runOrganizations, HarvestProperties harvest,
            LicenseGuesser licenseGuesser) {
        DatasetMappingProcessor processor = new DatasetMappingProcessor(ods.url(),
                runOrganizations.getIfAvailable(() -> RunOrganizations.only(organization.id())), harvest.language(),
                licenseGuesser);
        // what the step holds before processing: the chunk being read and the pages fetched ahead of it
        processor.setMaxPrepared(harvest.chunkSize() + (pagesAhead(harvest) + 1) * PAGE_SIZE);
        return processor;
    }

    /** A whole chunk fetched ahead: the step reads it without waiting for the portal. */
    private static int pagesAhead(HarvestProperties harvest) {
        return (harvest.chunkSize() + PAGE_SIZE - 1) / PAGE_SIZE;
    }

    @Bean
    @StepScope
    CompositeItemProcessor<OdsDataset, HarvestItem> harvestProcessor(OdsProperties ods, HarvestProperties harvest,
            OutcomeRecorders outcomeRecorders, DatasetMappingProcessor datasetMappingProcessor,
            ThisRun thisRun) {
        JdbcOutcomeRecorder outcomeRecorder = outcomeRecorders.forRun(thisRun.id());
        return new CompositeItemProcessor<>(List.of(
                new SourceValidationProcessor(),
                new InspireFilterProcessor(ods.inspire(), outcomeRecorder),
                new NoDataFilterProcessor(outcomeRecorder),
                datasetMappingProcessor,
                new ResourceBuilderProcessor(harvest.language())));
    }

    @Bean
    @StepScope
    UdataDatasetWriter udataDatasetWriter(HarvestProperties harvest, UdataProperties udata, UdataClient udataClient,
            DatasetIndex datasetIndex, OutcomeRecorders outcomeRecorders, OtherAddresses otherAddresses,
            DatasetOrganizations datasetOrganizations, ThisRun thisRun, DataSource dataSource, OdsProperties ods,
            ClientsConfiguration.UserAgent userAgent, ObjectProvider<RunOrganizations> runOrganizations) {
        UdataDatasetWriter writer = new UdataDatasetWriter(udataClient, datasetIndex,
                outcomeRecorders.forRun(thisRun.id()), harvest.concurrency(), Set.copyOf(udata.restoreDeleted()),
                otherAddresses).organizations(datasetOrganizations, thisRun.id())
                .rememberingSources(sourceStates(dataSource, datasetIndex, ods, harvest, userAgent, thisRun,
                        runOrganizations.getIfAvailable()));
        return harvest.plan() ? writer.planning() : writer;
    }

    @Bean
    @StepScope
    DryRunPayloadWriter dryRunPayloadWriter(HarvestProperties harvest, OdsProperties ods,
            OutcomeRecorders outcomeRecorders, ThisRun thisRun) {
        return new DryRunPayloadWriter(harvest.dryRunFile(ods.domain(), thisRun.number()),
                outcomeRecorders.forRun(thisRun.id()));
    }

    @Bean
    @JobScope
    IndexRebuildTasklet indexRebuildTasklet(UdataClient udataClient, DatasetIndex datasetIndex, OdsProperties ods,
            TargetOrganization organization, ObjectProvider<RunOrganizations> runOrganizations,
            OtherAddresses otherAddresses, DatasetOrganizations datasetOrganizations) {
        // every organization of the run (udata.organizations-file), the default first
        return new IndexRebuildTasklet(udataClient, datasetIndex,
                runOrganizations.getIfAvailable(() -> RunOrganizations.only(organization.id())).all(), ods.domain(),
                ods.previousDomains(), otherAddresses, datasetOrganizations);
    }

    /** Where each dataset of the index is; lazy like the index, and scoped by the same key. */
    @Bean
    @Lazy
    DatasetOrganizations datasetOrganizations(DataSource dataSource, DatasetIndex datasetIndex) {
        return new DatasetOrganizations(dataSource, datasetIndex.targetKey());
    }

    /** The datasets of other addresses of the portal, as this source's index rebuild listed them; lazy like the index. */
    @Bean
    @Lazy
    OtherAddresses otherAddresses(DataSource dataSource, DatasetIndex datasetIndex, OdsProperties ods) {
        return new OtherAddresses(dataSource, datasetIndex.targetKey(), ods.domain());
    }

    @Bean
    @JobScope
    ArchiveMissingTasklet archiveMissingTasklet(UdataClient udataClient, DatasetIndex datasetIndex,
            MissingDatasets missingDatasets, OutcomeRecorders outcomeRecorders, OdsProperties ods,
            HarvestProperties harvest, Clock clock, ThisRun thisRun) {
        long runId = thisRun.id();
        ArchivePolicy policy = new ArchivePolicy(harvest.archiveMissing(), harvest.archiveAfter(),
                new MassArchiveGuard(harvest.archiveGuardPercent(), harvest.archiveGuardMinimum(),
                        harvest.confirmArchive()));
        ArchiveMissingTasklet tasklet = new ArchiveMissingTasklet(udataClient, datasetIndex, missingDatasets,
                outcomeRecorders.forRun(runId), ods.domain(), runId, policy, catalogFilters(ods), clock);
        return harvest.plan() ? tasklet.planning() : tasklet;
    }

    @Bean
    @JobScope
    PortalDataserviceTasklet portalDataserviceTasklet(UdataClient udataClient, DatasetIndex datasetIndex,
            DataSource dataSource, TargetOrganization organization, OdsProperties ods, UdataProperties udata,
            HarvestProperties harvest, ThisRun thisRun) {
        PortalDataserviceTasklet tasklet = new PortalDataserviceTasklet(udataClient, datasetIndex,
                new DataserviceLinks(dataSource, datasetIndex.targetKey()), organization.id(), ods.domain(),
                ods.previousDomains(), ods.url(), thisRun.api(), udata.dataservice());
        return harvest.plan() ? tasklet.planning() : tasklet;
    }

    /** Lazy like the index it sits beside (a dry run has no target), and scoped by the same key. */
    @Bean
    @Lazy
    MissingDatasets missingDatasets(DataSource dataSource, DatasetIndex datasetIndex) {
        return new MissingDatasets(dataSource, datasetIndex.targetKey());
    }

    /** "Now" for the grace period before archiving; a test replaces it to let days pass without waiting. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The facet filters the catalog is read with, as options ({@code ods.refine.keyword=x, …}); empty when none. */
    static String catalogFilters(OdsProperties ods) {
        List<String> filters = new java.util.ArrayList<>();
        ods.refine().forEach((facet, values) -> filters.add("ods.refine." + facet + "=" + String.join(",", values)));
        ods.exclude().forEach((facet, values) -> filters.add("ods.exclude." + facet + "=" + String.join(",", values)));
        return String.join(", ", filters);
    }

    /** Rejections of the whole run (every execution) against harvest.skip-limit. */
    @Bean
    @JobScope
    RejectionSkipPolicy rejectionSkipPolicy(DataSource dataSource, HarvestProperties harvest,
            ThisRun thisRun) {
        return new RejectionSkipPolicy(new OutcomeQueries(dataSource), thisRun.id(), harvest.skipLimit());
    }

    @Bean
    @JobScope
    RejectedDatasetListener rejectedDatasetListener(OutcomeRecorders outcomeRecorders,
            ThisRun thisRun) {
        return new RejectedDatasetListener(outcomeRecorders.forRun(thisRun.id()));
    }

    @Bean
    @StepScope
    CatalogCompletenessListener catalogCompletenessListener(OdsCatalogReader odsCatalogReader) {
        return new CatalogCompletenessListener(odsCatalogReader);
    }

    @Bean
    @StepScope
    CatalogPassListener catalogPassListener(CatalogPasses catalogPasses, OdsCatalogReader odsCatalogReader,
            DatasetIndex datasetIndex, OdsProperties ods, Clock clock, ThisRun thisRun) {
        return new CatalogPassListener(catalogPasses, odsCatalogReader, thisRun.id(), datasetIndex.targetKey(),
                ods.domain(), clock);
    }

    @Bean
    @StepScope
    ProgressListener progressListener(OdsCatalogReader odsCatalogReader) {
        return new ProgressListener(odsCatalogReader::totalCount, java.time.Duration.ofSeconds(5));
    }
}
