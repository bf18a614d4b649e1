package org.odsharvester.guard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * An operating-system lock on {@code <harvest.data-dir>/harvester.lock}, held for the life of the
 * process when the job repository is the HSQLDB file of that directory.
 * <p>
 * Why, on top of HSQLDB's own lock file: HSQLDB's lock is a heartbeat that a second process only
 * recognises after polling it for seconds, and that a process killed with {@code kill -9} leaves behind
 * for a few seconds more. This lock is answered at once, and the kernel drops it the moment its process
 * dies, whatever the death: holding it proves that no other harvester process uses the directory, so
 * that an execution the repository shows as running belongs to a dead process.
 * <p>
 * The file holds the owner's description (pid, host, start time) so that the refusal can name it.
 */
public final class DataDirLock implements AutoCloseable {

    public static final String FILE_NAME = "harvester.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** A lock that holds nothing: the job repository is elsewhere (PostgreSQL, a server). */
    public static DataDirLock none() {
        return new DataDirLock(null, null);
    }

    /**
     * Takes the lock of the data directory, creating both when missing.
     *
     * @param owner how this process describes itself, e.g. {@code pid 1234 on host-a}
     * @throws RunInProgressException   when another process (or another run in this JVM) holds it
     * @throws DataDirUnusableException when the directory cannot be created or written
     */
    public static DataDirLock acquire(Path dataDir, String owner) {
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            // no TRUNCATE: the holder's description must survive a refused attempt
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                String holder = describeHolder(file);
                channel.close();
                throw new RunInProgressException("Another harvest is running with the data directory " + dataDir
                        + (holder.isEmpty() ? "" : " (" + holder + ")")
                        + "; nothing was done. Wait for it to end, or give this run its own --harvest.data-dir.");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((owner + ", since " + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8)),
                    0);
            channel.force(false);
            return new DataDirLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new DataDirUnusableException("The data directory " + dataDir + " cannot be used ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); check --harvest.data-dir: it must be"
                    + " a directory this user can write in. Nothing was done.", e);
        }
    }

    /** True when this process holds the data directory, hence the job repository in it, alone. */
    public boolean isHeld() {
        return lock != null && lock.isValid();
    }

    @Override
    public void close() {
        if (lock != null) {
            try {
                lock.release();
            } catch (IOException ignored) {
                // the channel close below releases it too
            }
        }
        closeQuietly(channel);
    }

    private static String describeHolder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.length() > 200 ? text.substring(0, 200) : text;
        } catch (IOException | RuntimeException e) {
            return ""; // some systems refuse to read a locked file: the sentence goes without it
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}
