package dev.deepfakeguard.keycloak.audit.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Verifies an export on several threads with the report of one: chunks of lines ({@link ExportChunks}) are prepared
 * — scanned or parsed, and hashed, the work that needs nothing but the line — by a fixed pool, while the calling
 * thread applies the prepared lines to the {@link ExportVerifier} strictly in file order: chains, links, checkpoints
 * and every finding happen in the order a single thread would produce them. At most two chunks per thread are in
 * flight, so memory stays flat however long the export.
 */
final class ParallelExportReader {

    private static final int IN_FLIGHT_PER_THREAD = 2;

    private ParallelExportReader() {
    }

    /** @param threads 1 = prepare and apply on the calling thread, no pool */
    static void read(InputStream export, ExportVerifier verifier, int threads, boolean fastPath) throws IOException {
        read(export, verifier, threads, fastPath, ExportChunks.SIZE);
    }

    /** @param chunkSize bytes per chunk (tests make it small, so that lines are cut and interleaved everywhere) */
    static void read(InputStream export, ExportVerifier verifier, int threads, boolean fastPath, int chunkSize)
            throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        ExportChunks chunks = new ExportChunks(export, chunkSize);
        if (threads == 1) {
            LinePreparer preparer = new LinePreparer(fastPath);
            for (ExportChunks.Chunk chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
                preparer.prepare(chunk).forEach(verifier::apply);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "audit-verifier");
            thread.setDaemon(true);
            return thread;
        });
        ThreadLocal<LinePreparer> preparers = ThreadLocal.withInitial(() -> new LinePreparer(fastPath));
        Deque<Future<List<PreparedLine>>> inFlight = new ArrayDeque<>();
        try {
            for (ExportChunks.Chunk chunk = chunks.next(); chunk != null; chunk = chunks.next()) {
                ExportChunks.Chunk mine = chunk;
                inFlight.add(pool.submit(() -> preparers.get().prepare(mine)));
                if (inFlight.size() >= IN_FLIGHT_PER_THREAD * threads) {
                    result(inFlight.poll()).forEach(verifier::apply);
                }
            }
            while (!inFlight.isEmpty()) {
                result(inFlight.poll()).forEach(verifier::apply);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<PreparedLine> result(Future<List<PreparedLine>> prepared) throws IOException {
        try {
            return prepared.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while verifying");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
