package org.odsharvester.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {

    @TempDir
    Path dataDir;

    @Test
    void theFirstLauncherHoldsTheDirectoryAndTheSecondIsRefusedWithTheHolderNamed() {
        try (DataDirLock first = DataDirLock.acquire(dataDir, "pid 1 on host-a")) {
            assertThat(first.isHeld()).isTrue();

            assertThatThrownBy(() -> DataDirLock.acquire(dataDir, "pid 2 on host-a"))
                    .isInstanceOf(RunInProgressException.class)
                    .hasMessageContaining("Another harvest is running with the data directory " + dataDir)
                    .hasMessageContaining("pid 1 on host-a")
                    .hasMessageContaining("nothing was done");
        }
    }

    @Test
    void theDirectoryIsFreeAgainOnceReleased() {
        DataDirLock.acquire(dataDir, "pid 1 on host-a").close();

        try (DataDirLock again = DataDirLock.acquire(dataDir, "pid 2 on host-a")) {
            assertThat(again.isHeld()).isTrue();
        }
    }

    @Test
    void aMissingDirectoryIsCreated() {
        Path nested = dataDir.resolve("a/b");
        try (DataDirLock lock = DataDirLock.acquire(nested, "pid 1 on host-a")) {
            assertThat(Files.isRegularFile(nested.resolve(DataDirLock.FILE_NAME))).isTrue();
        }
    }

    @Test
    void aDataDirectoryThatIsAFileIsRefusedWithASentence() throws Exception {
        Path file = Files.writeString(dataDir.resolve("not-a-directory"), "x");

        assertThatThrownBy(() -> DataDirLock.acquire(file, "pid 1 on host-a"))
                .isInstanceOf(DataDirUnusableException.class)
                .hasMessageContaining("The data directory " + file + " cannot be used")
                .hasMessageContaining("check --harvest.data-dir");
    }

    @Test
    void noLockMeansNoExclusivity() {
        assertThat(DataDirLock.none().isHeld()).isFalse();
    }
}
