package org.lrpo.jobs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.core.checkpoint.CheckpointContents;
import org.lrpo.core.checkpoint.CheckpointFinder;
import org.lrpo.core.checkpoint.CheckpointReader;
import org.lrpo.core.checkpoint.CheckpointStore;
import org.lrpo.core.checkpoint.CheckpointWriter;
import org.lrpo.core.checkpoint.OptimizerSnapshot;
import org.lrpo.core.checkpoint.RngCoordinates;
import org.lrpo.core.optim.AdamW;
import org.lrpo.core.optim.ParameterLayout;
import org.lrpo.core.optim.ParameterSet;
import org.lrpo.core.random.Seeds;
import org.lrpo.jobs.testing.S3ProxyServer;

/** Checkpoints written and read through Hadoop's FileSystem: the local one and s3a on a real S3 server. */
class HadoopCheckpointStoreTest {
    private static final ParameterLayout LAYOUT = ParameterLayout.builder().add("w", 4, 3).add("b", 4).build();

    private static CheckpointContents contents(long step) {
        SplittableRandom r = Seeds.stream(1, "hadoop-store-test", step);
        ParameterSet weights = ParameterSet.zeros(LAYOUT);
        for (int i = 0; i < weights.flat().length; i++) {
            weights.flat()[i] = (float) r.nextGaussian();
        }
        AdamW opt = new AdamW(AdamW.Config.torchDefaults(), LAYOUT.totalSize());
        float[] g = new float[LAYOUT.totalSize()];
        java.util.Arrays.fill(g, 0.5f);
        opt.step(weights.copy().flat(), g, 1e-3);
        return new CheckpointContents(step, new RngCoordinates(1, step), "lrpo {}", weights,
                Optional.of(new OptimizerSnapshot(LAYOUT, opt.exportState())), Optional.empty());
    }

    private static void roundTrip(CheckpointStore store) throws IOException {
        CheckpointWriter writer = new CheckpointWriter(store);
        writer.write(contents(10));
        CheckpointContents latest = contents(20);
        writer.write(latest);
        // A crashed writer leaves a temporary folder behind: it must not count.
        try (OutputStream out = store.create(".tmp-step-000000000030-crashed/weights.safetensors")) {
            out.write(new byte[] {1, 2, 3});
        }
        String newest = new CheckpointFinder(store).newestComplete().orElseThrow();
        assertEquals("step-000000000020", newest);
        CheckpointContents back = new CheckpointReader(store).load(newest, LAYOUT, LAYOUT).contents();
        assertTrue(back.weights().bitwiseEquals(latest.weights()));
        assertEquals(20, back.step());
        assertThrows(FileAlreadyExistsException.class, () -> writer.write(contents(20)));
        assertEquals(List.of("step-000000000010", "step-000000000020"),
                new CheckpointFinder(store).completeCheckpoints());
    }

    @Test
    void localFileSystem(@TempDir Path dir) throws IOException {
        roundTrip(new HadoopCheckpointStore(dir.toUri().toString(), new Configuration()));
    }

    @Test
    void s3a(@TempDir Path dir) throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start(dir)) {
            s3.createBucket("ckpt");
            Configuration conf = new Configuration();
            s3.hadoopSettings().forEach(conf::set);
            conf.set("fs.s3a.buffer.dir", dir.resolve("buffer").toString());
            roundTrip(new HadoopCheckpointStore("s3a://ckpt/run-1", conf));
        }
    }

    @Test
    void pathsCannotEscapeTheRoot(@TempDir Path dir) throws IOException {
        HadoopCheckpointStore store = new HadoopCheckpointStore(dir.toUri().toString(), new Configuration());
        assertThrows(IllegalArgumentException.class, () -> store.open("../etc/passwd"));
    }
}
