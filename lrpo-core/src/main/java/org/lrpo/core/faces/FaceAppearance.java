package org.lrpo.core.faces;

import java.awt.Color;
import java.util.SplittableRandom;
import org.lrpo.core.random.Seeds;

/**
 * How one image of a person varies: expression, pose, lighting, background and clothing. Drawing a new
 * appearance for the same {@link FaceIdentity} gives another photo of the same person.
 *
 * @param expression facial expression
 * @param pose       small head pose jitter
 * @param lighting   key light direction and strength
 * @param backdrop   background and clothing
 */
public record FaceAppearance(Expression expression, Pose pose, Lighting lighting, Backdrop backdrop) {

    /** The Seeds domain of appearance draws: {@code (runSeed, "face-appearance", identityIndex, variantIndex)}. */
    public static final String SEED_DOMAIN = "face-appearance";

    public FaceAppearance {
        if (expression == null || pose == null || lighting == null || backdrop == null) {
            throw new IllegalArgumentException("expression, pose, lighting and backdrop must all be given");
        }
    }

    /** A neutral, frontal, softly lit appearance on a grey background (the identity's "passport photo"). */
    public static FaceAppearance neutral() {
        return new FaceAppearance(new Expression(0.2, 1.0, 0.0), new Pose(0, 0, 0, 0, 1),
                new Lighting(-0.5, -0.6, 0.25, 1.0), new Backdrop(new Color(150, 150, 150), new Color(110, 110, 110),
                        0.0, 0L, new Color(60, 70, 90)));
    }

    /**
     * Appearance {@code variantIndex} of identity {@code identityIndex}, drawn from
     * {@code (runSeed, "face-appearance", identityIndex, variantIndex)}.
     */
    public static FaceAppearance draw(long runSeed, long identityIndex, long variantIndex) {
        SplittableRandom r = Seeds.stream(runSeed, SEED_DOMAIN, identityIndex, variantIndex);
        Expression expression = new Expression(Math.pow(r.nextDouble(), 1.3), Expression.EYE_OPENNESS.draw(r),
                Expression.BROW_RAISE.draw(r));
        Pose pose = new Pose(Pose.YAW.draw(r), Pose.ROLL.draw(r), Pose.OFFSET.draw(r), Pose.OFFSET.draw(r),
                Pose.SCALE.draw(r));
        double angle = Math.PI * (1.1 + 0.8 * r.nextDouble()); // from upper left through top to upper right
        Lighting lighting = new Lighting(Math.cos(angle), Math.sin(angle), Lighting.STRENGTH.draw(r),
                Lighting.EXPOSURE.draw(r));
        float hue = (float) r.nextDouble();
        float sat = (float) (0.08 + 0.4 * r.nextDouble());
        float bri = (float) (0.35 + 0.6 * r.nextDouble());
        Color top = Color.getHSBColor(hue, sat, bri);
        Color bottom = Color.getHSBColor((float) (hue + 0.15 * r.nextDouble()), sat, (float) (bri * (0.55 + 0.4 * r.nextDouble())));
        Color clothing = Color.getHSBColor((float) r.nextDouble(), (float) (0.1 + 0.6 * r.nextDouble()),
                (float) (0.15 + 0.75 * r.nextDouble()));
        Backdrop backdrop = new Backdrop(top, bottom, Backdrop.GRADIENT_ANGLE.draw(r), r.nextLong(), clothing);
        return new FaceAppearance(expression, pose, lighting, backdrop);
    }

    /**
     * @param smile       0 (neutral) .. 1 (broad smile showing teeth), {@link FaceIdentity#UNIT}
     * @param eyeOpenness eye height factor, {@link #EYE_OPENNESS}
     * @param browRaise   -1 (frown) .. 1 (surprise), {@link #BROW_RAISE}
     */
    public record Expression(double smile, double eyeOpenness, double browRaise) {
        public static final Range EYE_OPENNESS = new Range(0.65, 1.15);
        public static final Range BROW_RAISE = new Range(-0.6, 1.0);

        public Expression {
            FaceIdentity.UNIT.check("smile", smile);
            EYE_OPENNESS.check("eyeOpenness", eyeOpenness);
            BROW_RAISE.check("browRaise", browRaise);
        }
    }

    /**
     * @param yaw     head turn in radians, positive turns the face toward image right, {@link #YAW}
     * @param roll    head tilt in radians, {@link #ROLL}
     * @param offsetX horizontal shift in image units, {@link #OFFSET}
     * @param offsetY vertical shift in image units, {@link #OFFSET}
     * @param scale   head size factor, {@link #SCALE}
     */
    public record Pose(double yaw, double roll, double offsetX, double offsetY, double scale) {
        public static final Range YAW = new Range(-0.3, 0.3);
        public static final Range ROLL = new Range(-0.12, 0.12);
        public static final Range OFFSET = new Range(-0.025, 0.025);
        public static final Range SCALE = new Range(0.94, 1.06);

        public Pose {
            YAW.check("yaw", yaw);
            ROLL.check("roll", roll);
            OFFSET.check("offsetX", offsetX);
            OFFSET.check("offsetY", offsetY);
            SCALE.check("scale", scale);
        }
    }

    /**
     * @param dirX     image-plane direction the light comes from, x component ({@code -1} = from image left)
     * @param dirY     y component ({@code -1} = from above); (dirX, dirY) has unit length within 1e-6
     * @param strength contrast between lit and shaded side, {@link #STRENGTH}
     * @param exposure overall brightness factor, {@link #EXPOSURE}
     */
    public record Lighting(double dirX, double dirY, double strength, double exposure) {
        public static final Range STRENGTH = new Range(0.1, 0.55);
        public static final Range EXPOSURE = new Range(0.85, 1.12);

        public Lighting {
            double norm = Math.hypot(dirX, dirY);
            if (norm == 0 || Double.isNaN(norm)) {
                throw new IllegalArgumentException("light direction must be non-zero, got (" + dirX + ", " + dirY + ")");
            }
            dirX /= norm;
            dirY /= norm;
            STRENGTH.check("strength", strength);
            EXPOSURE.check("exposure", exposure);
        }
    }

    /**
     * @param top           background colour at the gradient's start
     * @param bottom        background colour at the gradient's end
     * @param gradientAngle gradient direction in radians from vertical, {@link #GRADIENT_ANGLE}
     * @param shapesSeed    seeds the soft out-of-focus shapes behind the head
     * @param clothing      colour of the shirt
     */
    public record Backdrop(Color top, Color bottom, double gradientAngle, long shapesSeed, Color clothing) {
        public static final Range GRADIENT_ANGLE = new Range(-0.8, 0.8);

        public Backdrop {
            if (top == null || bottom == null || clothing == null) {
                throw new IllegalArgumentException("backdrop colours must not be null");
            }
            GRADIENT_ANGLE.check("gradientAngle", gradientAngle);
        }
    }
}
