package org.lrpo.core.faces;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The identity and appearance draws: deterministic, every parameter inside its documented range, invalid values rejected. */
class FaceParametersTest {

    /** The documented interval of every numeric identity parameter; a new parameter without an entry fails the test. */
    private static final Map<String, Range> IDENTITY_RANGES = new HashMap<>();

    static {
        for (String unit : new String[] {"masculinity", "skinTone", "freckles", "hairLength", "hairMelanin", "hairRedness", "hairGrey",
            "irisPigment", "browArch", "lipTint", "frameShade"}) {
            IDENTITY_RANGES.put(unit, FaceIdentity.UNIT);
        }
        IDENTITY_RANGES.put("skinUndertone", FaceIdentity.SIGNED);
        IDENTITY_RANGES.put("hairPart", FaceIdentity.SIGNED);
        IDENTITY_RANGES.put("faceWidth", FaceIdentity.FACE_WIDTH);
        IDENTITY_RANGES.put("faceLength", FaceIdentity.FACE_LENGTH);
        IDENTITY_RANGES.put("jawWidth", FaceIdentity.JAW_WIDTH);
        IDENTITY_RANGES.put("chinWidth", FaceIdentity.CHIN_WIDTH);
        IDENTITY_RANGES.put("hairVolume", FaceIdentity.HAIR_VOLUME);
        IDENTITY_RANGES.put("eyeWidth", FaceIdentity.EYE_WIDTH);
        IDENTITY_RANGES.put("eyeHeight", FaceIdentity.EYE_HEIGHT);
        IDENTITY_RANGES.put("eyeTilt", FaceIdentity.EYE_TILT);
        IDENTITY_RANGES.put("eyeSpacing", FaceIdentity.EYE_SPACING);
        IDENTITY_RANGES.put("browThickness", FaceIdentity.BROW_THICKNESS);
        IDENTITY_RANGES.put("browHeight", FaceIdentity.BROW_HEIGHT);
        IDENTITY_RANGES.put("noseLength", FaceIdentity.NOSE_LENGTH);
        IDENTITY_RANGES.put("noseWidth", FaceIdentity.NOSE_WIDTH);
        IDENTITY_RANGES.put("mouthWidth", FaceIdentity.MOUTH_WIDTH);
        IDENTITY_RANGES.put("upperLip", FaceIdentity.UPPER_LIP);
        IDENTITY_RANGES.put("lowerLip", FaceIdentity.LOWER_LIP);
        IDENTITY_RANGES.put("earSize", FaceIdentity.EAR_SIZE);
    }

    @Test
    void sameCoordinatesGiveTheSameIdentityAndAppearance() {
        assertEquals(FaceIdentity.draw(5, 17), FaceIdentity.draw(5, 17));
        assertEquals(FaceAppearance.draw(5, 17, 3), FaceAppearance.draw(5, 17, 3));
        assertNotEquals(FaceIdentity.draw(5, 17), FaceIdentity.draw(5, 18));
        assertNotEquals(FaceIdentity.draw(5, 17), FaceIdentity.draw(6, 17));
        assertNotEquals(FaceAppearance.draw(5, 17, 3), FaceAppearance.draw(5, 17, 4));
    }

    @Test
    void everyIdentityParameterStaysInItsDocumentedRangeOverManyDraws() throws ReflectiveOperationException {
        Map<String, double[]> seen = new HashMap<>();
        Set<HairStyle> styles = EnumSet.noneOf(HairStyle.class);
        Set<Glasses> glasses = EnumSet.noneOf(Glasses.class);
        Set<Beard> beards = EnumSet.noneOf(Beard.class);
        int draws = 3000;
        for (int i = 0; i < draws; i++) {
            FaceIdentity id = FaceIdentity.draw(11, i);
            for (RecordComponent c : FaceIdentity.class.getRecordComponents()) {
                if (c.getType() != double.class) {
                    continue;
                }
                Range range = IDENTITY_RANGES.get(c.getName());
                assertNotNull(range, "identity parameter " + c.getName() + " has no documented range in this test");
                double v = (double) c.getAccessor().invoke(id);
                assertTrue(range.contains(v), c.getName() + " = " + v + " outside " + range);
                double[] minMax = seen.computeIfAbsent(c.getName(), k -> new double[] {Double.MAX_VALUE, -Double.MAX_VALUE});
                minMax[0] = Math.min(minMax[0], v);
                minMax[1] = Math.max(minMax[1], v);
            }
            styles.add(id.hairStyle());
            glasses.add(id.glasses());
            beards.add(id.beard());
        }
        // Draws use their ranges, not a sliver of them (grey, redness and freckles are mostly zero by design, so they are left out).
        for (Map.Entry<String, double[]> e : seen.entrySet()) {
            if (e.getKey().equals("hairGrey") || e.getKey().equals("hairRedness") || e.getKey().equals("freckles")) {
                continue;
            }
            Range range = IDENTITY_RANGES.get(e.getKey());
            double spread = (e.getValue()[1] - e.getValue()[0]) / (range.max() - range.min());
            assertTrue(spread > 0.6, e.getKey() + " only spans " + spread + " of its range");
        }
        assertEquals(EnumSet.allOf(HairStyle.class), styles);
        assertEquals(EnumSet.allOf(Glasses.class), glasses);
        assertEquals(EnumSet.allOf(Beard.class), beards);
    }

    @Test
    void everyAppearanceParameterStaysInItsDocumentedRange() {
        double minYaw = 1;
        double maxYaw = -1;
        for (int i = 0; i < 3000; i++) {
            FaceAppearance a = FaceAppearance.draw(11, i % 100, i / 100);
            FaceAppearance.Expression e = a.expression();
            assertTrue(FaceIdentity.UNIT.contains(e.smile()), "smile " + e.smile());
            assertTrue(FaceAppearance.Expression.EYE_OPENNESS.contains(e.eyeOpenness()), "eyeOpenness " + e.eyeOpenness());
            assertTrue(FaceAppearance.Expression.BROW_RAISE.contains(e.browRaise()), "browRaise " + e.browRaise());
            FaceAppearance.Pose p = a.pose();
            assertTrue(FaceAppearance.Pose.YAW.contains(p.yaw()), "yaw " + p.yaw());
            assertTrue(FaceAppearance.Pose.ROLL.contains(p.roll()), "roll " + p.roll());
            assertTrue(FaceAppearance.Pose.OFFSET.contains(p.offsetX()), "offsetX " + p.offsetX());
            assertTrue(FaceAppearance.Pose.OFFSET.contains(p.offsetY()), "offsetY " + p.offsetY());
            assertTrue(FaceAppearance.Pose.SCALE.contains(p.scale()), "scale " + p.scale());
            FaceAppearance.Lighting l = a.lighting();
            assertEquals(1.0, Math.hypot(l.dirX(), l.dirY()), 1e-9);
            assertTrue(l.dirY() < 0.35, "light should come from above or the side, dirY " + l.dirY());
            assertTrue(FaceAppearance.Lighting.STRENGTH.contains(l.strength()), "strength " + l.strength());
            assertTrue(FaceAppearance.Lighting.EXPOSURE.contains(l.exposure()), "exposure " + l.exposure());
            assertTrue(FaceAppearance.Backdrop.GRADIENT_ANGLE.contains(a.backdrop().gradientAngle()));
            minYaw = Math.min(minYaw, p.yaw());
            maxYaw = Math.max(maxYaw, p.yaw());
        }
        assertTrue(minYaw < -0.25 && maxYaw > 0.25, "yaw draws should cover both turns, got " + minYaw + " .. " + maxYaw);
    }

    @Test
    void outOfRangeParameterIsRejectedByName() throws ReflectiveOperationException {
        FaceIdentity id = FaceIdentity.draw(1, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withComponent(id, "faceWidth", 0.5));
        assertTrue(e.getMessage().contains("faceWidth"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> withComponent(id, "skinTone", -0.1));
        assertTrue(e.getMessage().contains("skinTone"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> withComponent(id, "hairStyle", null));
        assertTrue(e.getMessage().contains("hairStyle"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new FaceAppearance.Pose(0.5, 0, 0, 0, 1));
        assertTrue(e.getMessage().contains("yaw"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new FaceAppearance.Lighting(0, 0, 0.3, 1));
        assertTrue(e.getMessage().contains("light direction"), e.getMessage());
    }

    /** A copy of {@code id} with one component replaced, through the canonical constructor (so validation runs). */
    private static FaceIdentity withComponent(FaceIdentity id, String name, Object value) throws ReflectiveOperationException {
        RecordComponent[] components = FaceIdentity.class.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = components[i].getName().equals(name) ? value : components[i].getAccessor().invoke(id);
        }
        Constructor<FaceIdentity> ctor = FaceIdentity.class.getDeclaredConstructor(types);
        try {
            return ctor.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw e;
        }
    }
}
