package org.lrpo.jobs.restore;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Runs each input through three stages, {@code load}, {@code work} and {@code store}, and yields one output per
 * input, in input order. With a helper thread, loads and stores run on it and overlap the calling thread's work
 * on the neighbouring inputs: while input i is worked on, the helper stores i - 1 and loads i + 1. That is how a
 * restore task keeps its models busy while the previous photo is encoded and written and the next one read and
 * decoded (on a GPU executor those are CPU work the GPU would otherwise wait for). Without a helper every stage
 * runs on the calling thread, one input after another; the outputs are the same either way.
 *
 * <p>A load or work may finish an input early ({@link Step#done}: a quarantined or already-done input). An
 * exception from a stage fails the iteration, as it would inline. One input is loaded ahead and one stored
 * behind, so a task holds at most three inputs' images at once.
 *
 * @param <I> an input
 * @param <L> a loaded input, ready to work on
 * @param <W> a worked input, ready to store
 * @param <O> an output
 */
final class OverlappedStages<I, L, W, O> implements Iterator<O>, AutoCloseable {

    /** What a stage hands on: the next stage's input, or (never null) the input's final output. */
    record Step<T, O>(T next, O output) {
        static <T, O> Step<T, O> next(T value) {
            return new Step<>(value, null);
        }

        static <T, O> Step<T, O> done(O output) {
            return new Step<>(null, output);
        }

        boolean isDone() {
            return output != null;
        }
    }

    private final Iterator<I> inputs;
    private final Function<I, Step<L, O>> load;
    private final Function<L, Step<W, O>> work;
    private final Function<W, O> store;
    private final ExecutorService helper;
    private final Executor stages;
    private final ArrayDeque<CompletableFuture<O>> pending = new ArrayDeque<>();
    private CompletableFuture<Step<L, O>> loading;

    /**
     * @param overlap run loads and stores on a helper thread (daemon, named {@code threadName}); false runs
     *                everything on the calling thread
     */
    OverlappedStages(Iterator<I> inputs, boolean overlap, String threadName, Function<I, Step<L, O>> load,
                     Function<L, Step<W, O>> work, Function<W, O> store) {
        this.inputs = inputs;
        this.load = load;
        this.work = work;
        this.store = store;
        this.helper = overlap ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        }) : null;
        this.stages = overlap ? helper : Runnable::run;
        this.loading = loadNext();
    }

    @Override
    public boolean hasNext() {
        return !pending.isEmpty() || loading != null;
    }

    @Override
    public O next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (pending.isEmpty()) {
            advance();
        }
        // Work on the next input while the helper finishes storing this one.
        if (!pending.peek().isDone() && loading != null) {
            advance();
        }
        return join(pending.poll());
    }

    /** Stops the helper; an interrupted stage's input is redone by the task's retry. */
    @Override
    public void close() {
        if (helper != null) {
            helper.shutdownNow();
        }
    }

    private void advance() {
        Step<L, O> loaded = join(loading);
        loading = loadNext();
        if (loaded.isDone()) {
            pending.add(CompletableFuture.completedFuture(loaded.output()));
            return;
        }
        Step<W, O> worked = work.apply(loaded.next());
        pending.add(worked.isDone() ? CompletableFuture.completedFuture(worked.output())
                : CompletableFuture.supplyAsync(() -> store.apply(worked.next()), stages));
    }

    private CompletableFuture<Step<L, O>> loadNext() {
        if (!inputs.hasNext()) {
            return null;
        }
        // The input is taken on the calling thread: its iterator is not ours to share.
        I input = inputs.next();
        return CompletableFuture.supplyAsync(() -> load.apply(input), stages);
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a load or store", e);
        }
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(cause);
    }
}
