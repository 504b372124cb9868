package org.lrpo.core.config;

/**
 * The face data a run trains and evaluates on.
 *
 * @param generatedIdentities identities drawn by the procedural face generator when no dataset is given
 * @param heldOutFraction share of faces (by id hash) kept out of training for evaluation
 */
public record DataSettings(int generatedIdentities, double heldOutFraction) {

    static DataSettings read(SettingsReader r) {
        return new DataSettings(
                r.intIn("lrpo.data.generated-identities", 1, 100_000_000),
                r.doubleIn("lrpo.data.held-out-fraction", 0.0, 0.9));
    }
}
