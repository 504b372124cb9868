package org.lrpo.rewards.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lrpo.core.config.ConfigLoader;
import org.lrpo.core.config.ConfigurationException;

/** {@code lrpo.reward} from reference.conf and overrides: the defaults, and every bad value named by its key. */
class RewardSettingsReadTest {

    private static RewardSettings read(String... overrides) {
        return RewardSettings.read(ConfigLoader.load(Optional.empty(), List.of(overrides)));
    }

    private static List<String> problems(String... overrides) {
        return assertThrows(ConfigurationException.class, () -> read(overrides)).problems();
    }

    /** A config that bypasses ConfigLoader's unknown-key check, to test the reader's own. */
    private static List<String> problemsOfRaw(String hocon) {
        Config c = ConfigFactory.parseString(hocon).withFallback(ConfigFactory.defaultReference()).resolve();
        return assertThrows(ConfigurationException.class, () -> RewardSettings.read(c)).problems();
    }

    private static void assertOneProblemStartingWith(String key, List<String> problems) {
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(key), "expected a problem about " + key + ": " + problems);
    }

    @Test
    void defaultsAreMethodSectionFour() {
        RewardSettings s = read();
        assertEquals(RewardSettings.methodDefault().weights(), s.weights());
        assertEquals(List.of("identity", "ssim", "niqe", "dwt_lowpass"), List.copyOf(s.weights().keySet()),
                "the order of lrpo.reward.order, zero weights left out");
        assertEquals(0.8, ((Number) s.options().get("identity").get("c0")).doubleValue());
        assertEquals(3.0, ((Number) s.options().get("niqe").get("scale")).doubleValue());
        assertEquals("", s.options().get("niqe").get("model-path"));
        assertEquals(Map.of(), s.options().get("model"), "the model section is an open map, empty by default");
    }

    @Test
    void overridesReachTheComponentsInTheConfiguredOrder() {
        RewardSettings s = read("reward.order=[psnr, ssim, identity, niqe, dwt_lowpass, ms_ssim, model]",
                "reward.weights.psnr=0.5", "reward.weights.ssim=0.5", "reward.weights.identity=0",
                "reward.weights.niqe=0", "reward.weights.dwt_lowpass=0", "reward.components.psnr.max-db=40");
        assertEquals(List.of("psnr", "ssim"), List.copyOf(s.weights().keySet()));
        PsnrReward p = PsnrReward.fromOptions(s.optionsOf("psnr"));
        assertEquals(40.0, p.maxDb());
        // The model section takes any keys (checked by the model component, not by the loader).
        RewardSettings m = read("reward.weights.identity=0.2", "reward.weights.model=0.1",
                "reward.components.model.path=/some/scorer.onnx", "reward.components.model.output-index=1");
        assertEquals(0.1, m.weights().get("model"));
        assertEquals("/some/scorer.onnx", m.options().get("model").get("path"));
    }

    @Test
    void weightErrorsNameTheKey() {
        List<String> negative = problems("reward.weights.ssim=-0.1", "reward.weights.identity=0.7");
        assertOneProblemStartingWith("lrpo.reward.weights.ssim = -0.1", negative);
        assertTrue(negative.get(0).contains("[0.0, 1.0]"), negative.get(0));
        List<String> sum = problems("reward.weights.ssim=0.5");
        assertOneProblemStartingWith("lrpo.reward.weights must sum to 1", sum);
        assertTrue(sum.get(0).contains("sum 1.2"), sum.get(0));
        assertOneProblemStartingWith("lrpo.reward.weights.ssim = \"lots\" has the wrong type",
                problems("reward.weights.ssim=lots"));
        List<String> none = problems("reward.weights.identity=0", "reward.weights.ssim=0", "reward.weights.niqe=0",
                "reward.weights.dwt_lowpass=0");
        assertTrue(none.get(0).startsWith("lrpo.reward.weights must sum to 1"), none.toString());
    }

    @Test
    void unknownComponentNamesAreListedWithTheKnownOnes() {
        // Through the loader, an unknown weight is an unknown key with a suggestion.
        ConfigurationException loader = assertThrows(ConfigurationException.class,
                () -> read("reward.weights.ssmi=0.1"));
        assertTrue(loader.getMessage().contains("unknown key lrpo.reward.weights.ssmi"), loader.getMessage());
        // The reader checks on its own too (a config not made by ConfigLoader).
        List<String> p = problemsOfRaw("lrpo.reward.weights.lpips = 0.1\nlrpo.reward.weights.ssim = 0.2\n"
                + "lrpo.reward.components.clipiqa { x = 1 }");
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("lrpo.reward.weights.lpips: unknown reward component 'lpips'")
                && p.get(0).contains("[dwt_lowpass, identity, model, ms_ssim, niqe, psnr, ssim]"), p.get(0));
        assertTrue(p.get(1).startsWith("lrpo.reward.components.clipiqa: options for 'clipiqa'"), p.get(1));
    }

    @Test
    void orderErrorsNameTheKey() {
        assertOneProblemStartingWith("lrpo.reward.weights.niqe = 0.1 but lrpo.reward.order does not list 'niqe'",
                problems("reward.order=[identity, ssim, dwt_lowpass]"));
        assertOneProblemStartingWith("lrpo.reward.order lists 'ssim' twice",
                problems("reward.order=[identity, ssim, niqe, dwt_lowpass, ssim]"));
        assertOneProblemStartingWith("lrpo.reward.order is empty", problems("reward.order=[]"));
        assertOneProblemStartingWith("lrpo.reward.order must be a list", problems("reward.order=ssim"));
        assertOneProblemStartingWith("lrpo.reward.order lists 'lpips'",
                problems("reward.order=[identity, ssim, niqe, dwt_lowpass, lpips]"));
    }

    @Test
    void componentOptionErrorsNameTheFullKey() {
        assertOneProblemStartingWith("lrpo.reward.components.niqe.scale: ",
                problems("reward.components.niqe.scale=0"));
        assertOneProblemStartingWith("lrpo.reward.components.niqe.block-size: ",
                problems("reward.components.niqe.block-size=48"));
        assertOneProblemStartingWith("lrpo.reward.components.niqe.fit-resolution: ",
                problems("reward.components.niqe.fit-resolution=16"));
        assertOneProblemStartingWith("lrpo.reward.components.identity.c0: ",
                problems("reward.components.identity.c0=1"));
        assertOneProblemStartingWith("lrpo.reward.components.identity.crop-fraction: ",
                problems("reward.components.identity.crop-fraction=0"));
        assertOneProblemStartingWith("lrpo.reward.components.psnr.max-db: ",
                problems("reward.weights.psnr=0.1", "reward.weights.identity=0.2", "reward.components.psnr.max-db=-3"));
        // A weighted model component without a file path.
        assertOneProblemStartingWith("lrpo.reward.components.model.path: ",
                problems("reward.weights.model=0.1", "reward.weights.identity=0.2"));
        // Options of an unweighted component are not checked: it is not made.
        assertEquals(0.0, read("reward.components.psnr.max-db=-3").weights().getOrDefault("psnr", 0.0));
    }

    @Test
    void everyProblemIsReportedInOnePass() {
        List<String> p = problems("reward.weights.ssim=0.4", "reward.components.niqe.scale=-1",
                "reward.components.identity.c0=2", "reward.order=[identity, ssim, niqe]");
        assertEquals(4, p.size(), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("lrpo.reward.weights must sum")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("lrpo.reward.weights.dwt_lowpass = 0.3 but")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("lrpo.reward.components.niqe.scale")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("lrpo.reward.components.identity.c0")), p.toString());
    }

    @Test
    void registryChecksEveryOptionBeforeLoadingAnyNetwork() {
        // identity comes first and its weights folder does not exist; the bad niqe option must be reported,
        // not the missing network (which would mean the network load was attempted first).
        RewardSettings s = new RewardSettings(RewardSettings.methodDefault().weights(), Map.of(
                "identity", Map.of("models-dir", "/no/such/face-api"), "niqe", Map.of("scale", -1)));
        InvalidOptionException e = assertThrows(InvalidOptionException.class,
                () -> RewardRegistry.builtIns().build().build(s));
        assertEquals("niqe", e.component());
        assertEquals("scale", e.key());
    }
}
