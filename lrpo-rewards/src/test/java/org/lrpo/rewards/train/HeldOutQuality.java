package org.lrpo.rewards.train;

import java.util.List;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.train.TrainingPair;
import org.lrpo.rewards.metrics.FidelityProtocol;
import org.lrpo.rewards.metrics.Psnr;
import org.lrpo.rewards.metrics.Ssim;

/** Mean PSNR/SSIM (RGB) of restorations and of the degraded inputs against the ground truth of held-out pairs. */
record HeldOutQuality(double psnr, double ssim, double inputPsnr, double inputSsim) {

    /** {@code restored.get(i)} is the restoration of {@code pairs.get(i)}. */
    static HeldOutQuality of(List<RgbImage> restored, List<TrainingPair> pairs) {
        double psnr = 0;
        double ssim = 0;
        double inPsnr = 0;
        double inSsim = 0;
        int n = pairs.size();
        for (int i = 0; i < n; i++) {
            RgbImage hq = pairs.get(i).hq();
            psnr += Psnr.compute(restored.get(i), hq, FidelityProtocol.RGB) / n;
            ssim += Ssim.compute(restored.get(i), hq, FidelityProtocol.RGB) / n;
            inPsnr += Psnr.compute(pairs.get(i).lq(), hq, FidelityProtocol.RGB) / n;
            inSsim += Ssim.compute(pairs.get(i).lq(), hq, FidelityProtocol.RGB) / n;
        }
        return new HeldOutQuality(psnr, ssim, inPsnr, inSsim);
    }
}
