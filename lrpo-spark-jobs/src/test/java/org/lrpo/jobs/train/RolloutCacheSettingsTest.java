package org.lrpo.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.apache.spark.SparkEnv;
import org.junit.jupiter.api.Test;
import org.lrpo.core.config.ConfigurationException;

/** {@code lrpo.spark-train.rollout-cache} from reference.conf and overrides, and its bad values. */
class RolloutCacheSettingsTest {

    @Test
    void defaultsKeepTwoGibibytesInMemoryAndSpillToTheScratchFolder() {
        RolloutCacheSettings s = RunSpec.of(TinyRun.config()).sparkTrain().rolloutCache();
        assertEquals(new RolloutCacheSettings(2048, ""), s);
        assertEquals(2048L << 20, s.memoryBytes());
        assumeTrue(SparkEnv.get() == null, "outside Spark only");
        assertEquals(Path.of(System.getProperty("java.io.tmpdir"), "lrpo-rollout-cache").toAbsolutePath(),
                s.spillDirectory());
    }

    @Test
    void overridesAreReadAndAGivenFolderIsUsedAsIs() {
        RolloutCacheSettings s = RunSpec.of(TinyRun.config("spark-train.rollout-cache.memory-mb=0",
                "spark-train.rollout-cache.spill-dir=/mnt/ssd/lrpo")).sparkTrain().rolloutCache();
        assertEquals(0, s.memoryBytes());
        assertEquals(Path.of("/mnt/ssd/lrpo"), s.spillDirectory());
    }

    @Test
    void aNegativeBudgetAndARemoteSpillFolderAreBothReported() {
        RunSpec spec = RunSpec.of(TinyRun.config("spark-train.rollout-cache.memory-mb=-1",
                "spark-train.rollout-cache.spill-dir=\"s3a://bucket/spill\""));
        String m = assertThrows(ConfigurationException.class, spec::sparkTrain).getMessage();
        assertTrue(m.contains("lrpo.spark-train.rollout-cache.memory-mb = -1") && m.contains("[0, 1048576]"), m);
        assertTrue(m.contains("lrpo.spark-train.rollout-cache.spill-dir = \"s3a://bucket/spill\""), m);
    }

    /** Issue 14, finding 6: the default 2 GiB budget in Spark's default 1 GiB executor would run out before spilling. */
    @Test
    void theBudgetIsCappedAtAShareOfTheHeap() {
        RolloutCacheSettings s = new RolloutCacheSettings(2048, "");
        assertEquals((long) (0.4 * (1L << 30)), s.memoryBytes(1L << 30), "a 1 GiB executor keeps at most 410 MiB");
        assertEquals(2048L << 20, s.memoryBytes(16L << 30), "a 16 GiB executor keeps the configured 2 GiB");
        assertEquals(0, new RolloutCacheSettings(0, "").memoryBytes(16L << 30), "0 still spills everything");
    }
}
