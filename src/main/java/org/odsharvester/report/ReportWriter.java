package org.odsharvester.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.odsharvester.job.RunParameters;
import org.odsharvester.ods.OdsRateLimit;
import org.odsharvester.udata.UdataDatasetWriter;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the JSON report of a run under {@code <data-dir>/reports/}. Streams the per-dataset
 * entries from the database so that a 50,000-dataset report does not sit in memory.
 */
public class ReportWriter {

    private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final Path reportsDir;
    private final OutcomeQueries queries;
    private final JsonMapper mapper = JsonMapper.builder().build();

    private final MeterRegistry meters;

    public ReportWriter(Path reportsDir, OutcomeQueries queries, MeterRegistry meters) {
        this.reportsDir = reportsDir;
        this.queries = queries;
        this.meters = meters;
    }

    /** Where the report of this run goes: one file per execution, named after the run and the end time. */
    public Path reportPath(RunSummary summary) {
        String host = URI.create(summary.source()).getHost();
        String kind = RunParameters.isPlan(summary.target()) ? "plan-" : "harvest-";
        return reportsDir.resolve(kind + host + "-run" + summary.run() + "-exec" + summary.executionId() + "-"
                + FILE_STAMP.format(summary.end()) + ".json");
    }

    /**
     * The report, with the ODS portal's quota as it announced it at the start and at the end of the execution
     * ({@code odsCallsRemaining}; left out when the portal announced none).
     */
    public Path write(RunSummary summary, Path dryRunPayloads, @Nullable OdsRateLimit quotaAtStart,
            @Nullable OdsRateLimit quotaAtEnd) {
        Path path = reportPath(summary);
        try {
            Files.createDirectories(reportsDir);
            try (OutputStream out = Files.newOutputStream(path);
                    JsonGenerator json = mapper.createGenerator(out)) {
                json.writeStartObject();
                if (RunParameters.isPlan(summary.target())) {
                    // what a run would do: nothing was written to udata
                    json.writeBooleanProperty("plan", true);
                }
                json.writeStringProperty("source", summary.source());
                json.writeStringProperty("apiVersion", summary.apiVersion());
                json.writeStringProperty("target", summary.target());
                json.writeStringProperty("organization", summary.organization());
                json.writeNumberProperty("run", summary.run());
                json.writeNumberProperty("jobExecutionId", summary.executionId());
                json.writeStringProperty("status", summary.status());
                json.writeNumberProperty("exitCode", summary.exitCode());
                if (summary.failure() != null) {
                    json.writeStringProperty("failure", summary.failure());
                }
                if (summary.archive() != null) {
                    json.writeStringProperty("archive", summary.archive());
                }
                if (summary.dataservice() != null) {
                    json.writeStringProperty("dataservice", summary.dataservice());
                }
                json.writeStringProperty("start", summary.start().toString());
                json.writeStringProperty("end", summary.end().toString());
                if (dryRunPayloads != null) {
                    json.writeStringProperty("dryRunPayloads", dryRunPayloads.toString());
                }
                if (quotaAtStart != null && quotaAtEnd != null) {
                    writeQuota(json, quotaAtStart, quotaAtEnd);
                }
                json.writeName("counts");
                json.writeStartObject();
                json.writeNumberProperty("read", summary.read());
                for (Map.Entry<Outcome, Long> count : summary.counts().entrySet()) {
                    json.writeNumberProperty(propertyName(count.getKey()), count.getValue());
                }
                json.writeName("filteredByReason");
                json.writeStartObject();
                for (Map.Entry<String, Long> count : summary.filteredBy().entrySet()) {
                    json.writeNumberProperty(count.getKey() == null ? "unknown" : count.getKey(), count.getValue());
                }
                json.writeEndObject();
                json.writeEndObject();
                OutcomeQueries.CatalogRead catalogRead = queries.catalogRead(summary.runId(),
                        UdataDatasetWriter.NOT_MAPPED_REASON);
                if (catalogRead != null) {
                    json.writeName("catalogRead");
                    json.writeStartObject();
                    json.writeStringProperty("path", catalogRead.path());
                    json.writeNumberProperty("listed", catalogRead.listed());
                    json.writeNumberProperty("toFetch", catalogRead.toFetch());
                    json.writeNumberProperty("notMapped", catalogRead.notMapped());
                    json.writeStringProperty("reason", catalogRead.reason());
                    json.writeEndObject();
                }
                writeMetrics(json);
                for (Outcome outcome : Outcome.values()) {
                    json.writeName(propertyName(outcome));
                    json.writeStartArray();
                    queries.forEach(summary.runId(), outcome, entry -> {
                        json.writeStartObject();
                        json.writeStringProperty("datasetId", entry.datasetId());
                        if (entry.datasetUid() != null) {
                            json.writeStringProperty("datasetUid", entry.datasetUid());
                        }
                        if (entry.udataId() != null) {
                            json.writeStringProperty("udataId", entry.udataId());
                        }
                        if (entry.reason() != null) {
                            json.writeStringProperty("reason", entry.reason());
                        }
                        json.writeEndObject();
                    });
                    json.writeEndArray();
                }
                writeOrganizationMismatches(json, summary.runId());
                json.writeEndObject();
            }
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code organizationMismatch}: the datasets harvested in another organization than udata.organizations-file
     * names for their publisher (udata cannot move a dataset), each with both organizations.
     */
    private void writeOrganizationMismatches(JsonGenerator json, long runId) {
        json.writeName("organizationMismatch");
        json.writeStartArray();
        queries.forEachOrganizationMismatch(runId, m -> {
            json.writeStartObject();
            json.writeStringProperty("datasetId", m.datasetId());
            if (m.datasetUid() != null) {
                json.writeStringProperty("datasetUid", m.datasetUid());
            }
            json.writeStringProperty("udataId", m.udataId());
            json.writeStringProperty("organization", m.organization());
            json.writeStringProperty("mappedOrganization", m.mappedOrganization());
            json.writeStringProperty("reason", "in organization " + m.organization() + ", the mapping says "
                    + m.mappedOrganization() + ": harvested where it is; a transfer in udata moves it");
            json.writeEndObject();
        });
        json.writeEndArray();
    }

    static String propertyName(Outcome outcome) {
        return switch (outcome) {
            case DRY_RUN -> "dryRun";
            case OTHER_ADDRESS -> "otherAddress";
            default -> outcome.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /**
     * Spring Batch's meters and ours as this process saw them (this execution only; the counts above
     * cover the whole run).
     */
    private static void writeQuota(JsonGenerator json, OdsRateLimit atStart, OdsRateLimit atEnd) {
        json.writeName("odsCallsRemaining");
        json.writeStartObject();
        json.writeNumberProperty("atStart", atStart.remaining());
        json.writeNumberProperty("atEnd", atEnd.remaining());
        if (atEnd.limit() != null) {
            json.writeNumberProperty("limit", atEnd.limit());
        }
        if (atEnd.reset() != null) {
            json.writeStringProperty("reset", atEnd.reset());
        }
        json.writeEndObject();
    }

    private void writeMetrics(JsonGenerator json) {
        json.writeName("metrics");
        json.writeStartArray();
        meters.getMeters().stream()
                .filter(m -> m.getId().getName().startsWith("spring.batch") || m.getId().getName().startsWith("ods."))
                .sorted(java.util.Comparator.comparing((Meter m) -> m.getId().getName())
                        .thenComparing(m -> m.getId().getTags().toString()))
                .forEach(meter -> {
                    json.writeStartObject();
                    json.writeStringProperty("name", meter.getId().getName());
                    for (Tag tag : meter.getId().getTags()) {
                        json.writeStringProperty(tag.getKey(), tag.getValue());
                    }
                    for (Measurement measurement : meter.measure()) {
                        json.writeNumberProperty(measurement.getStatistic().getTagValueRepresentation(),
                                measurement.getValue());
                    }
                    json.writeEndObject();
                });
        json.writeEndArray();
    }
}
