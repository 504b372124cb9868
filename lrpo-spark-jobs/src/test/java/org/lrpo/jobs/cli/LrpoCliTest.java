package org.lrpo.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lrpo.jobs.testing.CliRun;
import org.lrpo.jobs.testing.CliRun.Outcome;

class LrpoCliTest {

    static Outcome run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void everyDefaultOfEveryModuleIsDescribed() {
        // The core's own test sees only its reference.conf; here all three modules' are on the classpath.
        org.lrpo.core.testing.ReferenceDescriptions.assertEveryKeyDescribed();
    }

    @Test
    void topLevelHelpListsEveryJobAndExitCodes() {
        Outcome o = run("--help");
        assertEquals(0, o.code());
        for (String job : new String[] {"ingest", "pretrain", "train", "restore", "report", "demo"}) {
            assertTrue(o.out().contains(job), job + " missing from:\n" + o.out());
        }
        assertTrue(o.out().contains("Exit codes:"), o.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "pretrain", "train", "restore", "report", "demo"})
    void everySubcommandHasHelp(String job) {
        Outcome o = run(job, "--help");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("Usage: lrpo " + job), o.out());
        assertTrue(o.out().contains("KEY=VALUE"), o.out());
        assertTrue(o.out().contains("bad arguments or configuration"), o.out());
    }

    @Test
    void unknownOptionIsAUsageErrorThatNamesIt() {
        Outcome o = run("train", "--no-such-flag");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("--no-such-flag"), o.err());
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        Outcome o = run("fly");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("fly"), o.err());
    }

    @Test
    void missingSubcommandIsAUsageError() {
        Outcome o = run();
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("missing a subcommand"), o.err());
    }

    @Test
    void badConfigValueFailsBeforeWorkWithTheKeyName() {
        Outcome o = run("train", "sampler.denoising-steps=-3");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("lrpo.sampler.denoising-steps = -3"), o.err());
    }

    @Test
    void sparkConfKeysMustBeSparkKeys() {
        Outcome o = run("train", "--check-config", "spark.conf.\"executor.memory\"=2g");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("must start with spark."), o.err());
    }

    @Test
    void checkConfigPrintsTheEffectiveSettings() {
        Outcome o = run("pretrain", "--check-config", "pretrain.optimiser-steps=777");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("\"optimiser-steps\" : 777"), o.out());
        assertTrue(o.out().contains("configuration OK"), o.out());
    }

    @Test
    void checkConfigReadsEverySectionAndListsEveryProblem() {
        // Sections the demo reads beyond every job's: --check-config used to say OK with all three wrong.
        Outcome o = run("demo", "--check-config", "restore.upscale=3", "ingest.partitions=0",
                "reward.weights.ssim=2");
        assertEquals(2, o.code(), o.err());
        for (String key : new String[] {"lrpo.restore.upscale", "lrpo.ingest.partitions", "reward.weights"}) {
            assertTrue(o.err().contains(key), key + " named in:\n" + o.err());
        }
        assertTrue(!o.out().contains("configuration OK"), o.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"local.conf", "cluster-gpu.conf", "claims.conf"})
    void shippedProfilesAreValid(String profile) {
        String root = System.getProperty("repo.root", "..");
        Outcome o = run("train", "--check-config", "-c", root + "/conf/" + profile);
        assertEquals(0, o.code(), o.err());
    }

    @Test
    void theClaimsProfileIsValidForTheExperimentAndItsKeysAreChecked() {
        String root = System.getProperty("repo.root", "..");
        Outcome ok = run("experiment", "--check-config", "-c", root + "/conf/claims.conf");
        assertEquals(0, ok.code(), ok.err());
        Outcome bad = run("experiment", "--check-config", "-c", root + "/conf/claims.conf", "experiment.samples=0");
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("lrpo.experiment.samples"), bad.err());
    }

    @Test
    void missingProfileIsNamed() {
        Outcome o = run("train", "-c", "does/not/exist.conf");
        assertEquals(2, o.code(), o.err());
        assertTrue(o.err().contains("does/not/exist.conf does not exist"), o.err());
    }
}
