package org.lrpo.core.faces;

/** The cut of a face's hair; {@link FaceIdentity#hairLength()} varies the length within a style. */
public enum HairStyle {
    /** No hair on the crown. */
    BALD,
    /** Close-cropped: a thin dark cap that shows the skull's shape. */
    BUZZ,
    /** Short hair with a little volume, parted on one side. */
    SHORT,
    /** Ear-length hair with a side fringe. */
    MEDIUM,
    /** Chin-length hair with a straight fringe. */
    BOB,
    /** Hair falling past the shoulders. */
    LONG,
    /** Voluminous curly hair around the head. */
    CURLY,
    /** Hair pulled back into a bun on top of the head. */
    BUN
}
