package org.lrpo.core.faces;

/** Facial hair a face may have, drawn in the hair colour. */
public enum Beard {
    NONE,
    /** A faint shadow over jaw and upper lip. */
    STUBBLE,
    /** A moustache only. */
    MOUSTACHE,
    /** Moustache and chin beard. */
    GOATEE,
    /** A full beard along the jaw. */
    FULL
}
