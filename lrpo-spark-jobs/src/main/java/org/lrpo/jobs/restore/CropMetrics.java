package org.lrpo.jobs.restore;

import org.lrpo.core.image.RgbImage;
import org.lrpo.rewards.faces.FaceDescriptorNet;
import org.lrpo.rewards.faces.IdentityMetric;
import org.lrpo.rewards.metrics.NiqeModel;
import org.lrpo.rewards.metrics.NiqeModels;

/**
 * No-reference evidence for each restored face, for the manifest: did the face keep its identity (cosine of
 * face-api descriptors, input crop vs restored crop) and does it look more natural (NIQE, fitted on generated
 * faces at the model's resolution as the reward's NIQE is). One per JVM; calls are serialised.
 */
final class CropMetrics {
    record Scores(double identityCosine, double niqeIn, double niqeOut) {}

    private static CropMetrics loaded;

    private final IdentityMetric identity;
    private final NiqeModel niqe;

    private CropMetrics(IdentityMetric identity, NiqeModel niqe) {
        this.identity = identity;
        this.niqe = niqe;
    }

    static synchronized CropMetrics get(int resolution) {
        if (loaded == null) {
            NiqeModel niqe = resolution >= 32 ? NiqeModels.cachedFitOnGeneratedFaces(NiqeModels.DEFAULT_SEED,
                    NiqeModels.DEFAULT_FACES, resolution, NiqeModels.blockSizeFor(resolution)) : null;
            loaded = new CropMetrics(new IdentityMetric(FaceDescriptorNet.load()), niqe);
        }
        return loaded;
    }

    synchronized Scores score(RgbImage in, RgbImage out) {
        double cosine = identity.score(out, in).cosine();
        return niqe == null ? new Scores(cosine, Double.NaN, Double.NaN)
                : new Scores(cosine, niqe.score(in), niqe.score(out));
    }
}
