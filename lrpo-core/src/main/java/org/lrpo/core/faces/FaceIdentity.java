package org.lrpo.core.faces;

import java.util.SplittableRandom;
import org.lrpo.core.random.Seeds;

/**
 * Who a generated face is: the parameters that stay fixed across every image of one person.
 *
 * <p>Lengths are in image units (the image is the unit square, eyes on the line y = {@link FaceLayout#EYE_LINE})
 * so a face looks the same at every resolution. Each parameter's documented interval is a public {@link Range}
 * constant; the constructor rejects a value outside it, naming the parameter.
 *
 * @param masculinity   0 (feminine) .. 1 (masculine); biases jaw, brows, hair and beard when drawn
 * @param faceWidth     half-width of the face at the cheekbones, {@link #FACE_WIDTH}
 * @param faceLength    eye line to chin, {@link #FACE_LENGTH}
 * @param jawWidth      jaw-corner half-width as a fraction of {@code faceWidth}, {@link #JAW_WIDTH}
 * @param chinWidth     chin half-width as a fraction of {@code faceWidth}, {@link #CHIN_WIDTH}
 * @param skinTone      0 (lightest) .. 1 (darkest) along {@link SkinTones}, {@link #UNIT}
 * @param skinUndertone -1 (cool, pink) .. 1 (warm, olive), {@link #SIGNED}
 * @param freckles      0 (none) .. 1 (dense) freckles over nose and cheeks, {@link #UNIT}
 * @param hairStyle     the cut
 * @param hairLength    length within the style, {@link #UNIT}
 * @param hairVolume    how far hair stands off the skull, {@link #HAIR_VOLUME}
 * @param hairMelanin   0 (blond) .. 1 (black), {@link #UNIT}
 * @param hairRedness   0 .. 1 (auburn, red), {@link #UNIT}
 * @param hairGrey      0 .. 1 (white), {@link #UNIT}
 * @param hairPart      side of the parting, -1 (image left) .. 1 (image right), {@link #SIGNED}
 * @param eyeWidth      half-width of one eye, {@link #EYE_WIDTH}
 * @param eyeHeight     open eye height over eye width, {@link #EYE_HEIGHT}
 * @param eyeTilt       outer-corner lift in radians, {@link #EYE_TILT}
 * @param eyeSpacing    half the distance between the eye centres, {@link #EYE_SPACING}
 * @param irisPigment   0 (blue) .. 1 (dark brown) along {@link SkinTones#iris}, {@link #UNIT}
 * @param browThickness eyebrow thickness, {@link #BROW_THICKNESS}
 * @param browArch      0 (straight) .. 1 (arched), {@link #UNIT}
 * @param browHeight    eyebrow height above the eye centre, {@link #BROW_HEIGHT}
 * @param noseLength    eye line to the base of the nose, {@link #NOSE_LENGTH}
 * @param noseWidth     half-width of the nostrils, {@link #NOSE_WIDTH}
 * @param mouthWidth    half-width of the mouth, {@link #MOUTH_WIDTH}
 * @param upperLip      upper-lip thickness, {@link #UPPER_LIP}
 * @param lowerLip      lower-lip thickness, {@link #LOWER_LIP}
 * @param lipTint       0 (skin-like) .. 1 (red), {@link #UNIT}
 * @param earSize       ear size factor, {@link #EAR_SIZE}
 * @param glasses       spectacles, or {@link Glasses#NONE}
 * @param frameShade    0 (black) .. 1 (light) frame colour, {@link #UNIT}
 * @param beard         facial hair, or {@link Beard#NONE}
 * @param detailSeed    seeds the fine texture (hair strands, freckle and mole positions) so it is part of the identity
 */
public record FaceIdentity(
        double masculinity,
        double faceWidth, double faceLength, double jawWidth, double chinWidth,
        double skinTone, double skinUndertone, double freckles,
        HairStyle hairStyle, double hairLength, double hairVolume,
        double hairMelanin, double hairRedness, double hairGrey, double hairPart,
        double eyeWidth, double eyeHeight, double eyeTilt, double eyeSpacing, double irisPigment,
        double browThickness, double browArch, double browHeight,
        double noseLength, double noseWidth,
        double mouthWidth, double upperLip, double lowerLip, double lipTint,
        double earSize,
        Glasses glasses, double frameShade,
        Beard beard,
        long detailSeed) {

    /** The Seeds domain of identity draws: {@code (runSeed, "face-identity", identityIndex)}. */
    public static final String SEED_DOMAIN = "face-identity";

    public static final Range UNIT = new Range(0, 1);
    public static final Range SIGNED = new Range(-1, 1);
    public static final Range FACE_WIDTH = new Range(0.205, 0.27);
    public static final Range FACE_LENGTH = new Range(0.32, 0.39);
    public static final Range JAW_WIDTH = new Range(0.62, 0.86);
    public static final Range CHIN_WIDTH = new Range(0.22, 0.42);
    public static final Range HAIR_VOLUME = new Range(0.01, 0.07);
    public static final Range EYE_WIDTH = new Range(0.045, 0.058);
    public static final Range EYE_HEIGHT = new Range(0.50, 0.75);
    public static final Range EYE_TILT = new Range(-0.15, 0.2);
    public static final Range EYE_SPACING = new Range(0.09, 0.12);
    public static final Range BROW_THICKNESS = new Range(0.008, 0.020);
    public static final Range BROW_HEIGHT = new Range(0.045, 0.075);
    public static final Range NOSE_LENGTH = new Range(0.115, 0.165);
    public static final Range NOSE_WIDTH = new Range(0.028, 0.052);
    public static final Range MOUTH_WIDTH = new Range(0.060, 0.085);
    public static final Range UPPER_LIP = new Range(0.011, 0.020);
    public static final Range LOWER_LIP = new Range(0.015, 0.028);
    public static final Range EAR_SIZE = new Range(0.85, 1.15);

    public FaceIdentity {
        UNIT.check("masculinity", masculinity);
        FACE_WIDTH.check("faceWidth", faceWidth);
        FACE_LENGTH.check("faceLength", faceLength);
        JAW_WIDTH.check("jawWidth", jawWidth);
        CHIN_WIDTH.check("chinWidth", chinWidth);
        UNIT.check("skinTone", skinTone);
        SIGNED.check("skinUndertone", skinUndertone);
        UNIT.check("freckles", freckles);
        requireNonNull("hairStyle", hairStyle);
        UNIT.check("hairLength", hairLength);
        HAIR_VOLUME.check("hairVolume", hairVolume);
        UNIT.check("hairMelanin", hairMelanin);
        UNIT.check("hairRedness", hairRedness);
        UNIT.check("hairGrey", hairGrey);
        SIGNED.check("hairPart", hairPart);
        EYE_WIDTH.check("eyeWidth", eyeWidth);
        EYE_HEIGHT.check("eyeHeight", eyeHeight);
        EYE_TILT.check("eyeTilt", eyeTilt);
        EYE_SPACING.check("eyeSpacing", eyeSpacing);
        UNIT.check("irisPigment", irisPigment);
        BROW_THICKNESS.check("browThickness", browThickness);
        UNIT.check("browArch", browArch);
        BROW_HEIGHT.check("browHeight", browHeight);
        NOSE_LENGTH.check("noseLength", noseLength);
        NOSE_WIDTH.check("noseWidth", noseWidth);
        MOUTH_WIDTH.check("mouthWidth", mouthWidth);
        UPPER_LIP.check("upperLip", upperLip);
        LOWER_LIP.check("lowerLip", lowerLip);
        UNIT.check("lipTint", lipTint);
        EAR_SIZE.check("earSize", earSize);
        requireNonNull("glasses", glasses);
        UNIT.check("frameShade", frameShade);
        requireNonNull("beard", beard);
    }

    /** Identity {@code identityIndex} of run {@code runSeed}, drawn from {@code (runSeed, "face-identity", identityIndex)}. */
    public static FaceIdentity draw(long runSeed, long identityIndex) {
        SplittableRandom r = Seeds.stream(runSeed, SEED_DOMAIN, identityIndex);
        double masc = r.nextDouble() < 0.5 ? 0.55 + 0.45 * r.nextDouble() : 0.45 * r.nextDouble();
        boolean male = masc > 0.5;
        double faceWidth = FACE_WIDTH.at(mix(r.nextDouble(), masc, 0.3));
        double faceLength = FACE_LENGTH.draw(r);
        double jaw = JAW_WIDTH.at(mix(r.nextDouble(), masc, 0.5));
        double chin = CHIN_WIDTH.at(mix(r.nextDouble(), masc, 0.4));
        double skinTone = r.nextDouble();
        double undertone = SIGNED.draw(r);
        double freckles = skinTone < 0.45 && r.nextDouble() < 0.3 ? r.nextDouble() : 0.0;
        HairStyle style = male ? pick(r, MALE_STYLES) : pick(r, FEMALE_STYLES);
        double hairLength = r.nextDouble();
        double hairVolume = HAIR_VOLUME.draw(r);
        // Darker skin goes with darker hair more often, as in people; blond stays possible.
        double melanin = clamp01(0.35 * skinTone + 0.75 * Math.pow(r.nextDouble(), 0.6));
        double redness = r.nextDouble() < 0.15 ? 0.5 + 0.5 * r.nextDouble() : 0.2 * r.nextDouble();
        double grey = r.nextDouble() < 0.15 ? 0.3 + 0.7 * r.nextDouble() : 0.0;
        double part = SIGNED.draw(r);
        double eyeWidth = EYE_WIDTH.draw(r);
        double eyeHeight = EYE_HEIGHT.draw(r);
        double eyeTilt = EYE_TILT.draw(r);
        double eyeSpacing = EYE_SPACING.draw(r);
        double iris = clamp01(0.5 * skinTone + 0.6 * r.nextDouble());
        double browThickness = BROW_THICKNESS.at(mix(r.nextDouble(), masc, 0.4));
        double browArch = mix(r.nextDouble(), 1 - masc, 0.4);
        double browHeight = BROW_HEIGHT.draw(r);
        double noseLength = NOSE_LENGTH.draw(r);
        double noseWidth = NOSE_WIDTH.draw(r);
        double mouthWidth = MOUTH_WIDTH.draw(r);
        double upperLip = UPPER_LIP.draw(r);
        double lowerLip = LOWER_LIP.draw(r);
        double lipTint = male ? 0.3 * r.nextDouble() : 0.2 + 0.8 * r.nextDouble();
        double earSize = EAR_SIZE.draw(r);
        Glasses glasses = r.nextDouble() < 0.22 ? pick(r, new Glasses[] {Glasses.ROUND, Glasses.RECTANGULAR, Glasses.THICK})
                : Glasses.NONE;
        double frameShade = r.nextDouble();
        Beard beard = male && r.nextDouble() < 0.45
                ? pick(r, new Beard[] {Beard.STUBBLE, Beard.MOUSTACHE, Beard.GOATEE, Beard.FULL}) : Beard.NONE;
        long detailSeed = r.nextLong();
        return new FaceIdentity(masc, faceWidth, faceLength, jaw, chin, skinTone, undertone, freckles,
                style, hairLength, hairVolume, melanin, redness, grey, part,
                eyeWidth, eyeHeight, eyeTilt, eyeSpacing, iris,
                browThickness, browArch, browHeight, noseLength, noseWidth,
                mouthWidth, upperLip, lowerLip, lipTint, earSize, glasses, frameShade, beard, detailSeed);
    }

    private static final HairStyle[] MALE_STYLES = {
        HairStyle.BALD, HairStyle.BUZZ, HairStyle.SHORT, HairStyle.SHORT, HairStyle.SHORT, HairStyle.MEDIUM,
        HairStyle.CURLY, HairStyle.LONG
    };
    private static final HairStyle[] FEMALE_STYLES = {
        HairStyle.LONG, HairStyle.LONG, HairStyle.LONG, HairStyle.BOB, HairStyle.BOB, HairStyle.MEDIUM,
        HairStyle.CURLY, HairStyle.BUN, HairStyle.SHORT
    };

    private static <T> T pick(SplittableRandom r, T[] options) {
        return options[r.nextInt(options.length)];
    }

    /** Pulls a uniform draw {@code u} toward {@code target} by {@code weight}; stays in [0, 1]. */
    private static double mix(double u, double target, double weight) {
        return clamp01((1 - weight) * u + weight * target);
    }

    private static double clamp01(double v) {
        return Math.max(0, Math.min(1, v));
    }

    private static void requireNonNull(String parameter, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(parameter + " must not be null");
        }
    }
}
