package org.lrpo.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lrpo.core.engine.DeviceChoice;

class ConfigLoaderTest {

    private static LrpoSettings settings(String... overrides) {
        return LrpoSettings.read(ConfigLoader.load(Optional.empty(), List.of(overrides)));
    }

    private static String failure(String... overrides) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> settings(overrides));
        return e.getMessage();
    }

    @Test
    void defaultsLoadAndMatchTheDocumentedValues() {
        LrpoSettings s = settings();
        assertEquals(50, s.sampler().denoisingSteps());
        assertEquals(1.0, s.sampler().etaRollout());
        assertEquals(0.8, s.sampler().etaRestore());
        assertEquals(1000, s.schedule().trainTimesteps());
        assertEquals(0.00085, s.schedule().betaStart());
        assertEquals(DeviceChoice.AUTO, s.run().device());
        assertEquals(List.of(1, 2, 2), s.model().channelMultipliers());
    }

    @Test
    void overridesWinOverProfileWhichWinsOverDefaults(@TempDir Path dir) throws IOException {
        Path profile = dir.resolve("p.conf");
        Files.writeString(profile, "lrpo.sampler.denoising-steps = 20\nlrpo.sampler.eta-restore = 0.5\n");
        Config c = ConfigLoader.load(Optional.of(profile), List.of("sampler.denoising-steps=7"));
        LrpoSettings s = LrpoSettings.read(c);
        assertEquals(7, s.sampler().denoisingSteps(), "command line beats profile");
        assertEquals(0.5, s.sampler().etaRestore(), "profile beats default");
        assertEquals(1.0, s.sampler().etaRollout(), "default stays");
        assertEquals(7, LrpoSettings.read(ConfigLoader.load(Optional.of(profile),
                List.of("lrpo.sampler.denoising-steps=7"))).sampler().denoisingSteps(), "full key form works too");
    }

    @Test
    void aRolloutStrengthThatLeavesFewerThanTwoStepsAndAMaxTimestepBeyondTAreRejected() {
        String m = failure("sampler.denoising-steps=10", "sampler.rollout-strength=0.1");
        assertTrue(m.contains("lrpo.sampler.rollout-strength = 0.1 leaves 1 of the 10 denoising steps"), m);
        assertEquals(2, settings("sampler.denoising-steps=10", "sampler.rollout-strength=0.2").sampler().denoisingSteps()
                - org.lrpo.core.diffusion.DdimTimesteps.firstStep(10, 0.2));
        m = failure("pretrain.max-timestep=1001");
        assertTrue(m.contains("lrpo.pretrain.max-timestep = 1001 cannot exceed lrpo.schedule.train-timesteps = 1000"), m);
        assertEquals(1000, settings().pretrain().timestepsDrawn(1000), "0 draws from all T");
        assertEquals(200, settings("pretrain.max-timestep=200").pretrain().timestepsDrawn(1000));
    }

    @Test
    void outOfRangeNamesKeyValueAndAllowedRange() {
        String m = failure("sampler.denoising-steps=0");
        assertTrue(m.contains("lrpo.sampler.denoising-steps = 0"), m);
        assertTrue(m.contains("[2, 1000]"), m);
        assertTrue(m.contains("command line"), m);
    }

    @Test
    void wrongTypeNamesTheKey() {
        String m = failure("pretrain.learning-rate=fast");
        assertTrue(m.contains("lrpo.pretrain.learning-rate"), m);
        assertTrue(m.contains("wrong type"), m);
        assertTrue(m.contains("fast"), m);
    }

    @Test
    void unknownEnumWordListsTheAllowedOnes() {
        String m = failure("device=tpu");
        assertTrue(m.contains("lrpo.device = \"tpu\""), m);
        assertTrue(m.contains("[auto, cpu, gpu]"), m);
    }

    @Test
    void unknownKeyIsAnErrorWithASuggestion() {
        String m = failure("sampler.denoising-stepz=10");
        assertTrue(m.contains("unknown key lrpo.sampler.denoising-stepz"), m);
        assertTrue(m.contains("did you mean lrpo.sampler.denoising-steps?"), m);
    }

    @Test
    void crossKeyProblemsNameBothKeysAndAllProblemsAreReportedTogether() {
        String m = failure("model.resolution=60", "model.channel-multipliers=[1,2,2,2]", "sampler.eta-restore=2");
        assertTrue(m.contains("lrpo.model.resolution = 60 must be divisible by 2^3"), m);
        assertTrue(m.contains("lrpo.sampler.eta-restore = 2"), m);
        assertTrue(m.contains("2 problems"), m);
    }

    @Test
    void groupsMustDivideChannels() {
        String m = failure("model.base-channels=12", "model.group-norm-groups=8");
        assertTrue(m.contains("lrpo.model.group-norm-groups = 8 must divide"), m);
    }

    @Test
    void malformedOverrideAndMissingProfileAreClear(@TempDir Path dir) {
        assertTrue(failure("sampler.denoising-steps").contains("not of the form key=value"));
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ConfigLoader.load(Optional.of(dir.resolve("nope.conf")), List.of()));
        assertTrue(e.getMessage().contains("nope.conf does not exist"), e.getMessage());
    }

    @Test
    void brokenProfileSyntaxIsReportedWithTheFile(@TempDir Path dir) throws IOException {
        Path profile = dir.resolve("bad.conf");
        Files.writeString(profile, "lrpo { sampler { steps = 3 \n");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ConfigLoader.load(Optional.of(profile), List.of()));
        assertTrue(e.getMessage().contains("bad.conf"), e.getMessage());
    }

    @Test
    void everyReferenceKeyHasADescription() {
        org.lrpo.core.testing.ReferenceDescriptions.assertEveryKeyDescribed();
    }

    /** Issue 14, finding 8: an override sets exactly the key typed to exactly the value typed. */
    @Test
    void overridesAreTakenLiterallyNotAsHocon() {
        assertEquals("/data//x", settings("output-dir=/data//x").run().outputDir());
        assertEquals("/a#b", settings("output-dir=/a#b").run().outputDir());
        assertEquals("${HOME}/runs", settings("output-dir=${HOME}/runs").run().outputDir());
        assertEquals("s3a://bucket/a b", settings("output-dir=s3a://bucket/a b").run().outputDir());
        // Typed values still work: numbers, booleans, quoted strings, lists.
        assertEquals(7, settings("sampler.denoising-steps=7").sampler().denoisingSteps());
        assertEquals("/q//x", settings("output-dir=\"/q//x\"").run().outputDir());
        // A quoted name holds dots of its own, as Spark's keys do.
        List<String> problems = new java.util.ArrayList<>();
        Config quoted = ConfigLoader.parseOverrides(List.of("spark.conf.\"spark.a.b\"=1//2"), problems);
        assertEquals(List.of(), problems);
        assertEquals("1//2", quoted.getString("lrpo.spark.conf.\"spark.a.b\""));
        assertEquals(List.of(1, 2), settings("model.channel-multipliers=[1,2]", "model.resolution=32")
                .model().channelMultipliers());
    }

    @Test
    void anOverrideCannotSetASecondKey() {
        String m = failure("seed=1, lrpo.output-dir=/elsewhere");
        assertTrue(m.contains("lrpo.seed"), m);
        Config c = ConfigLoader.load(Optional.empty(), List.of("sampler.denoising-steps=7"));
        String before = c.getString("lrpo.output-dir");
        assertThrows(ConfigurationException.class, () -> ConfigLoader.load(Optional.empty(),
                List.of("model.channel-multipliers=[1,2] // two levels")));
        assertThrows(ConfigurationException.class, () -> ConfigLoader.load(Optional.empty(),
                List.of("model.channel-multipliers=[${X}]")));
        String key = failure("output dir=/x");
        assertTrue(key.contains("'output dir' is not a configuration key"), key);
        assertEquals(before, ConfigLoader.load(Optional.empty(), List.of()).getString("lrpo.output-dir"));
    }

    @Test
    void renamedKeysAreStillReadUnderTheirOldNamesButNotBothNamesAtOnce(@TempDir Path dir) throws IOException {
        LrpoSettings old = settings("sampler.steps=7", "pretrain.steps=300", "restoration.steps=400",
                "rl.regulariser.last-steps=2");
        assertEquals(7, old.sampler().denoisingSteps());
        assertEquals(300, old.pretrain().optimiserSteps());
        assertEquals(400, old.restoration().optimiser().optimiserSteps());
        assertEquals(2, old.rl().regulariserLastDenoisingSteps());

        Path profile = dir.resolve("old.conf");
        Files.writeString(profile, "lrpo { sampler { steps = 12 } }\n");
        assertEquals(12, LrpoSettings.read(ConfigLoader.load(Optional.of(profile), List.of())).sampler().denoisingSteps());
        assertEquals(9, LrpoSettings.read(ConfigLoader.load(Optional.of(profile), List.of("sampler.denoising-steps=9")))
                .sampler().denoisingSteps(), "the command line's new name beats the profile's old one");

        String m = failure("sampler.steps=7", "sampler.denoising-steps=8");
        assertTrue(m.contains("sets both lrpo.sampler.steps and its new name lrpo.sampler.denoising-steps"), m);
    }
}
