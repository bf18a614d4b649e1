package org.odsharvester.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.odsharvester.mapping.HarvestItem;
import org.odsharvester.udata.UdataBodies;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * The writer of a dry run: each payload that would be sent to udata becomes one line of a JSON
 * Lines file next to the reports. udata is never contacted.
 * <p>
 * Appends, so a restarted dry run continues the same file; a line may repeat after a crash between a
 * write and its commit, which is harmless for a file meant to be read by a person.
 */
public class DryRunPayloadWriter implements ItemWriter<HarvestItem> {

    private final Path file;
    private final OutcomeRecorder recorder;
    private final JsonMapper mapper = JsonMapper.builder().build();

    public DryRunPayloadWriter(Path file, OutcomeRecorder recorder) {
        this.file = file;
        this.recorder = recorder;
    }

    public Path file() {
        return file;
    }

    @Override
    public void write(Chunk<? extends HarvestItem> chunk) throws IOException {
        Files.createDirectories(file.getParent());
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            for (HarvestItem item : chunk) {
                // exactly the body a creation would send
                out.write(mapper.writeValueAsString(UdataBodies.createBody(item.dataset())));
                out.newLine();
            }
        }
        List<DatasetOutcome> outcomes = new ArrayList<>(chunk.size());
        for (HarvestItem item : chunk) {
            outcomes.add(new DatasetOutcome(item.identity().remoteId(), item.identity().datasetUid(), Outcome.DRY_RUN,
                    null, null));
        }
        recorder.recordAll(outcomes);
    }
}
