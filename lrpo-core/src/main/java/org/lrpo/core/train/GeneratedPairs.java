package org.lrpo.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.lrpo.core.degrade.Degradation;
import org.lrpo.core.degrade.DegradationPreset;
import org.lrpo.core.faces.FaceGenerator;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.random.Seeds;

/**
 * Training pairs from the procedural face generator with online degradation (METHOD section 8).
 *
 * <p>Sample i of step s draws a training identity and a variant from the stream
 * {@code (seed, "<stage>-face", s, i)}; the face is degraded with the round key {@code s}. Identities
 * are split by {@link FaceSplit} on their id {@code "gen-<identity>"}, so every variant of a held-out
 * person stays out of training.
 */
public final class GeneratedPairs implements PairSource {
    /** The draws of the supervised stage; the LRPO stage uses its own stream ({@link #forStage}). */
    public static final String PRETRAIN_STAGE = "pretrain";
    public static final String RL_STAGE = "rl";
    /** Variants per identity the generator draws from (pose, expression, lighting, background). */
    public static final int VARIANTS = 1 << 20;

    private final long seed;
    private final int identities;
    private final int resolution;
    private final DegradationPreset preset;
    private final FaceSplit split;
    private final String faceDomain;

    public GeneratedPairs(long seed, int identities, int resolution, DegradationPreset preset, FaceSplit split) {
        this(seed, identities, resolution, preset, split, PRETRAIN_STAGE);
    }

    private GeneratedPairs(long seed, int identities, int resolution, DegradationPreset preset, FaceSplit split,
                           String stage) {
        this.faceDomain = stage + "-face";
        if (identities < 1) {
            throw new IllegalArgumentException("need at least one identity, got " + identities);
        }
        this.seed = seed;
        this.identities = identities;
        this.resolution = resolution;
        this.preset = preset;
        this.split = split;
    }

    /** The same faces, drawn in another order for another stage (e.g. {@link #RL_STAGE}). */
    public GeneratedPairs forStage(String stage) {
        return new GeneratedPairs(seed, identities, resolution, preset, split, stage);
    }

    public static String identityId(long identity) {
        return "gen-" + identity;
    }

    public static String faceId(long identity, long variant) {
        return "gen-" + identity + "-" + variant;
    }

    @Override
    public List<TrainingPair> batch(long step, int from, int count) {
        List<TrainingPair> out = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            SplittableRandom rng = Seeds.stream(seed, faceDomain, step, i);
            long identity = trainingIdentity(rng);
            long variant = rng.nextInt(VARIANTS);
            out.add(pair(identity, variant, step));
        }
        return out;
    }

    /** The pair of one (identity, variant), degraded with round key {@code round}. */
    public TrainingPair pair(long identity, long variant, long round) {
        String id = faceId(identity, variant);
        RgbImage hq = FaceGenerator.face(seed, identity, variant, resolution);
        RgbImage lq = Degradation.apply(hq, preset, seed, id, round).lq();
        return TrainingPair.degraded(id, hq, lq);
    }

    /** The first {@code count} held-out identities, variant 0, each degraded once (round 0). */
    public List<TrainingPair> heldOut(int count) {
        List<TrainingPair> out = new ArrayList<>(count);
        for (long identity = 0; out.size() < count; identity++) {
            if (identity > identities + 100_000L) {
                throw new IllegalStateException("fewer than " + count + " held-out identities among " + identities
                        + " (held-out fraction " + split.heldOutFraction() + ")");
            }
            if (split.isHeldOut(identityId(identity))) {
                out.add(pair(identity, 0, 0));
            }
        }
        return out;
    }

    private long trainingIdentity(SplittableRandom rng) {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            long identity = rng.nextInt(identities);
            if (!split.isHeldOut(identityId(identity))) {
                return identity;
            }
        }
        throw new IllegalStateException("no training identity among " + identities + " with held-out fraction "
                + split.heldOutFraction());
    }
}
