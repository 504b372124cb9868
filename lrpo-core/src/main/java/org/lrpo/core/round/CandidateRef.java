package org.lrpo.core.round;

import java.io.Serializable;

/** Candidate {@code candidate} of the round's face {@code face} (both 0-based). */
public record CandidateRef(int face, int candidate) implements Serializable {}
