package io.coremonitor.engine.internal.convergence;

import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import io.coremonitor.docker.DockerOps;
import io.coremonitor.docker.StackLabels;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** What Docker reports for a stack's label: three list calls, issued in parallel. Nothing is cached. */
record Observed(List<Container> containers, List<Network> networks, List<InspectVolumeResponse> volumes) {

    /** Nothing observed: a stack not created yet. */
    static final Observed NOTHING = new Observed(List.of(), List.of(), List.of());

    /** Threads for the two list calls made beside the caller's; idle ones end after a minute. */
    private static final ExecutorService LISTS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), new ThreadFactoryImpl());

    static Observed of(DockerOps ops, String stackId) {
        CompletableFuture<List<Network>> networks = CompletableFuture.supplyAsync(
            () -> ops.listNetworks(StackLabels.STACK_ID, stackId), LISTS);
        CompletableFuture<List<InspectVolumeResponse>> volumes = CompletableFuture.supplyAsync(
            () -> ops.listVolumes(StackLabels.STACK_ID, stackId), LISTS);
        List<Container> containers;
        try {
            containers = ops.listContainers(StackLabels.STACK_ID, stackId);
        } finally {
            // let the other calls finish either way: no call outlives the plan
            CompletableFuture.allOf(networks, volumes).exceptionally(e -> null).join();
        }
        return new Observed(containers, join(networks), join(volumes));
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    private static final class ThreadFactoryImpl implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "coremonitor-observe-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
