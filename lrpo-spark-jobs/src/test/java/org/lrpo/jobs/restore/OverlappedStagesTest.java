package org.lrpo.jobs.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.lrpo.jobs.restore.OverlappedStages.Step;

class OverlappedStagesTest {

    /** Inputs 0..n-1: multiples of 3 finish at load, multiples of 5 at work, the rest are stored as "s:i". */
    private static List<String> run(int n, boolean overlap, List<String> threads) {
        List<String> out = new ArrayList<>();
        try (OverlappedStages<Integer, Integer, Integer, String> stages = new OverlappedStages<>(
                IntStream.range(0, n).boxed().iterator(), overlap, "io",
                i -> {
                    threads.add("load " + Thread.currentThread().getName());
                    return i % 3 == 0 ? Step.done("load:" + i) : Step.next(i);
                },
                i -> i % 5 == 0 ? Step.done("work:" + i) : Step.next(i),
                i -> {
                    threads.add("store " + Thread.currentThread().getName());
                    return "s:" + i;
                })) {
            stages.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void outputsComeInInputOrderAndEqualTheInlineRun() {
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        List<String> overlapped = run(17, true, threads);
        assertEquals(run(17, false, new ArrayList<>()), overlapped);
        assertEquals(List.of("load:0", "s:1", "s:2", "load:3", "s:4", "work:5", "load:6", "s:7", "s:8", "load:9",
                "work:10", "s:11", "load:12", "s:13", "s:14", "load:15", "s:16"), overlapped);
        assertTrue(threads.stream().allMatch(t -> t.endsWith(" io")), "loads and stores ran on the helper: " + threads);
        assertEquals(List.of(), run(0, true, new ArrayList<>()));
    }

    @Test
    void theHelperStoresOneInputWhileTheNextIsWorkedOn() {
        CountDownLatch working1 = new CountDownLatch(1);
        boolean[] overlapped = new boolean[1];
        try (OverlappedStages<Integer, Integer, Integer, Integer> stages = new OverlappedStages<>(
                List.of(0, 1).iterator(), true, "io", Step::next,
                i -> {
                    if (i == 1) {
                        working1.countDown();
                    }
                    return Step.next(i);
                },
                i -> {
                    if (i == 0) {
                        try {
                            // Inline, store(0) runs before work(1) starts: the wait would time out.
                            overlapped[0] = working1.await(30, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    return i;
                })) {
            assertEquals(0, stages.next());
            assertTrue(overlapped[0], "input 0 was stored while input 1 was worked on");
            assertEquals(1, stages.next());
            assertFalse(stages.hasNext());
        }
    }

    @Test
    void aFailingStoreFailsTheIterationWithItsOwnException() {
        try (OverlappedStages<Integer, Integer, Integer, Integer> stages = new OverlappedStages<>(
                List.of(0, 1, 2).iterator(), true, "io", Step::next, Step::next,
                i -> {
                    if (i == 1) {
                        throw new java.io.UncheckedIOException(new java.io.IOException("disk full writing 1"));
                    }
                    return i;
                })) {
            assertEquals(0, stages.next());
            java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, stages::next);
            assertEquals("disk full writing 1", e.getCause().getMessage());
        }
    }
}
