package org.lrpo.jobs.report;

import java.util.List;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.reward.Reward;
import org.lrpo.core.reward.RewardScores;
import org.lrpo.jobs.train.RewardFactory;
import org.lrpo.rewards.faces.FaceDescriptorNet;
import org.lrpo.rewards.faces.FaceLandmark68Net;
import org.lrpo.rewards.faces.IdentityMetric;
import org.lrpo.rewards.faces.LandmarkDistance;
import org.lrpo.rewards.metrics.DwtLowpassReward;
import org.lrpo.rewards.metrics.FidelityProtocol;
import org.lrpo.rewards.metrics.FlatRegionNoise;
import org.lrpo.rewards.metrics.MsSsim;
import org.lrpo.rewards.metrics.NiqeModel;
import org.lrpo.rewards.metrics.NiqeModels;
import org.lrpo.rewards.metrics.Psnr;
import org.lrpo.rewards.metrics.Ssim;

/**
 * Every {@link MetricColumns} value of restored faces against their ground truth, computed by the metrics library
 * (lrpo-rewards) and the configured composite reward, so a report's numbers are the ones training optimises
 * and papers report, not a second implementation. One per JVM (the face networks and the NIQE model are loaded
 * once and kept; the reward is rebuilt per run); calls are serialised.
 *
 * <p>NIQE needs faces of at least 32 px (its model is fitted on blocks of the faces), speckle enough flat pixels;
 * faces without them get NaN, which the summaries leave out.
 */
final class ImageScorer {
    private static ImageScorer loaded;
    private static String loadedKey;
    private static IdentityMetric identityNet;
    private static LandmarkDistance landmarkNet;

    private final MetricColumns columns;
    private final FidelityProtocol fidelity;
    private final IdentityMetric identity;
    private final LandmarkDistance landmarks;
    private final NiqeModel niqe;
    private final Reward reward;

    private ImageScorer(MetricColumns columns, FidelityProtocol fidelity, IdentityMetric identity,
                        LandmarkDistance landmarks, NiqeModel niqe, Reward reward) {
        this.columns = columns;
        this.fidelity = fidelity;
        this.identity = identity;
        this.landmarks = landmarks;
        this.niqe = niqe;
        this.reward = reward;
    }

    /** This JVM's scorer for the run {@code runKey}, built on first use. */
    static synchronized ImageScorer get(String runKey, MetricColumns columns, FidelityProtocol fidelity,
                                        RewardFactory rewards, LrpoSettings s) {
        if (loaded != null && runKey.equals(loadedKey)) {
            return loaded;
        }
        if (loaded != null) {
            loaded.close();
        }
        int resolution = s.model().resolution();
        NiqeModel niqe = resolution >= 32 ? NiqeModels.cachedFitOnGeneratedFaces(NiqeModels.DEFAULT_SEED,
                NiqeModels.DEFAULT_FACES, resolution, NiqeModels.blockSizeFor(resolution)) : null;
        if (identityNet == null) {
            identityNet = new IdentityMetric(FaceDescriptorNet.load());
            landmarkNet = new LandmarkDistance(FaceLandmark68Net.load());
        }
        loaded = new ImageScorer(columns, fidelity, identityNet, landmarkNet, niqe, rewards.create(s));
        loadedKey = runKey;
        return loaded;
    }

    /** One row of values per pair {@code (restored[i], truth[i])}, in {@link MetricColumns} order. */
    synchronized double[][] score(List<RgbImage> restored, List<RgbImage> truth) {
        int n = restored.size();
        List<IdentityMetric.Score> ids = identity.score(restored, truth);
        double[] lmd = landmarks.distances(restored, truth);
        List<RewardScores> rewards = reward.score(restored, truth);
        List<String> keys = columns.keys();
        double[][] out = new double[n][keys.size()];
        for (int i = 0; i < n; i++) {
            RgbImage x = restored.get(i);
            RgbImage gt = truth.get(i);
            for (int c = 0; c < keys.size(); c++) {
                String k = keys.get(c);
                out[i][c] = switch (k) {
                    case MetricColumns.PSNR -> Psnr.compute(x, gt, fidelity);
                    case MetricColumns.SSIM -> Ssim.compute(x, gt, fidelity);
                    case MetricColumns.MS_SSIM -> MsSsim.compute(x, gt, fidelity);
                    case MetricColumns.DWT_LOWPASS -> DwtLowpassReward.meanAbsLowpassDifference(x, gt);
                    case MetricColumns.IDENTITY_COSINE -> ids.get(i).cosine();
                    case MetricColumns.IDENTITY_DEGREES -> ids.get(i).degrees();
                    case MetricColumns.LMD -> lmd[i];
                    case MetricColumns.NIQE -> niqe == null ? Double.NaN : niqe.score(x);
                    case MetricColumns.SPECKLE -> speckle(x, gt);
                    case MetricColumns.REWARD -> rewards.get(i).total();
                    default -> rewards.get(i).components().getOrDefault(k.substring(MetricColumns.COMPONENT.length()),
                            Double.NaN);
                };
            }
        }
        return out;
    }

    /** NaN when the face has too few flat pixels to measure (the pair itself was checked by the other metrics). */
    private static double speckle(RgbImage x, RgbImage gt) {
        try {
            return FlatRegionNoise.compute(x, gt);
        } catch (IllegalArgumentException e) {
            return Double.NaN;
        }
    }

    private void close() {
        try {
            reward.close();
        } catch (Exception e) {
            // A reward that cannot release its models leaves them to the garbage collector; the next run's reward is new.
        }
    }
}
