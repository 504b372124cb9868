package org.lrpo.jobs.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AblationExperimentTest {

    @Test
    void theTableHasMeanAndSampleStdOverSeedsInComponentOrder() {
        Evaluation base = new Evaluation("supervised baseline", 16, 0.5, Map.of("ssim", 0.25), 20.0, 0.25, 1.0, Map.of());
        Evaluation a = new Evaluation("LRPO", 16, 0.6, Map.of("ssim", 0.3), 21.0, 0.3, 1.0, Map.of());
        Evaluation b = new Evaluation("LRPO", 16, 0.7, Map.of("ssim", 0.5), 23.0, 0.5, 1.0, Map.of());
        String md = AblationExperiment.markdown(new AblationExperiment.Results(base, Map.of("LRPO", List.of(a, b))));
        // mean 0.65, sample std sqrt(((0.05)^2 * 2) / 1) = 0.0707; PSNR 22 +- 1.41.
        assertEquals("""
                | variant | composite reward | ssim | PSNR (dB) | SSIM |
                |---|---|---|---|---|
                | supervised baseline | 0.5000 | 0.2500 | 20.00 | 0.2500 |
                | LRPO | 0.6500 ± 0.0707 | 0.4000 ± 0.1414 | 22.00 ± 1.41 | 0.4000 ± 0.1414 |
                """, md);
    }
}
