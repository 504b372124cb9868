package org.lrpo.core.config;

/**
 * Noise schedule (METHOD section 1): T steps of "scaled linear" betas from betaStart to betaEnd.
 */
public record ScheduleSettings(int trainTimesteps, double betaStart, double betaEnd) {

    static ScheduleSettings read(SettingsReader r) {
        ScheduleSettings s = new ScheduleSettings(
                r.intIn("lrpo.schedule.train-timesteps", 2, 100_000),
                r.doubleAbove("lrpo.schedule.beta-start", 0.0, 0.5),
                r.doubleAbove("lrpo.schedule.beta-end", 0.0, 0.999));
        r.require(s.betaStart < s.betaEnd, "lrpo.schedule.beta-start = " + s.betaStart
                + " must be smaller than lrpo.schedule.beta-end = " + s.betaEnd);
        return s;
    }
}
