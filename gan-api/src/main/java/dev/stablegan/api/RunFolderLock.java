package dev.stablegan.api;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The claim of one process on a run folder: an exclusive lock on {@code FOLDER/.stablegan.lock}, which records the
 * holder's pid, host and start time. A second process is refused with the holder's identity; a killed holder's lock
 * is released by the operating system with the process (nothing stale to clean up).
 *
 * <p>Mechanism: {@link FileChannel#tryLock()}, which on Linux is an {@code fcntl} (POSIX) record lock. The kernel
 * drops it when the holding process exits, however it exits. On a shared file system it holds across nodes where the
 * file system supports POSIX locks (NFSv4 does, through its lease-based locking; NFSv3 needs {@code lockd}; Lustre needs
 * the {@code flock} mount option); see {@code docs/reliability.md}. Within one JVM a folder can be claimed once at a time.
 * The new owner deletes the temporary files a killed owner left ({@code .NAME.RANDOM.tmp}, see {@link AtomicFiles}).
 */
public final class RunFolderLock implements AutoCloseable {
    /** The lock file's name inside the folder. */
    public static final String FILE = ".stablegan.lock";
    /** The folder inside a run folder that holds earlier runs' files moved aside by {@link #moveRunFilesAside}. */
    public static final String REPLACED = "replaced";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private RunFolderLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Claims {@code folder} (created if missing) for this process.
     *
     * @throws IOException naming the folder and the holder (pid, host, start time) when another process, or another
     *     run in this JVM, holds it; or when the folder cannot be written
     */
    public static RunFolderLock acquire(Path folder) throws IOException {
        AtomicFiles.ensureWritableDirectory(folder);
        Path file = folder.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new IOException(folder + ": in use by another run in this process (" + holder(file) + ")", e);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = holder(file);
            channel.close();
            throw new IOException(folder + ": in use by " + holder + "; wait for that run to end or stop it (lock file "
                    + file + ", released when its process exits)");
        }
        String me = "pid " + ProcessHandle.current().pid() + " on host " + hostName() + " since "
                + Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((me + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(true);
        removeLeftovers(folder);
        return new RunFolderLock(file, channel, lock);
    }

    /** Deletes the temporary files of {@link AtomicFiles} that a killed earlier owner left in {@code folder}. */
    private static void removeLeftovers(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            for (Path f : files.filter(AtomicFiles::isTemporary).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    /** The lock file. */
    public Path file() {
        return file;
    }

    /**
     * What the claimed folder holds of a run: every entry but the lock file, leftover temporary files and the
     * {@value #REPLACED} folder, sorted by name.
     */
    public List<Path> runFiles() throws IOException {
        try (var entries = Files.list(file.getParent())) {
            return entries.filter(p -> !p.getFileName().toString().equals(FILE) && !p.getFileName().toString().equals(REPLACED)
                    && !AtomicFiles.isTemporary(p)).sorted().toList();
        }
    }

    /**
     * Moves the folder's {@link #runFiles} into a new {@code FOLDER/replaced/STAMP/} (UTC time, such as
     * {@code 20261203T213000Z}), the entry named {@code first} (the checkpoint) before the others, so that a move cut
     * short never leaves a checkpoint beside only part of its run's files.
     *
     * @return the folder they went to
     */
    public Path moveRunFilesAside(String first) throws IOException {
        Path replaced = file.getParent().resolve(REPLACED);
        String stamp = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        Path target = replaced.resolve(stamp);
        for (int n = 2; Files.exists(target); n++) {
            target = replaced.resolve(stamp + "-" + n);
        }
        Files.createDirectories(target);
        List<Path> files = new ArrayList<>(runFiles());
        files.sort(Comparator.comparing((Path p) -> !p.getFileName().toString().equals(first)));
        for (Path f : files) {
            Files.move(f, target.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        return target;
    }

    private static String holder(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? "another process (it has not written its name yet)" : text;
        } catch (IOException e) {
            return "another process (" + file + " unreadable: " + e.getMessage() + ")";
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Releases the claim; the file stays (deleting it would race with the next claimant). */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
