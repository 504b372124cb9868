package org.lrpo.core.faces;

/** Spectacles a face may wear; the frames never hide the eyes. */
public enum Glasses {
    NONE,
    /** Thin round wire frames. */
    ROUND,
    /** Thin rectangular frames. */
    RECTANGULAR,
    /** Thick dark plastic frames. */
    THICK
}
