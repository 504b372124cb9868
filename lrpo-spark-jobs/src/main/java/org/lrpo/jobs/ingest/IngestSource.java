package org.lrpo.jobs.ingest;

/** What the ingest job reads: image files, or the seeded face generator. */
public sealed interface IngestSource {

    /** Every file under a folder or glob on any Hadoop file system, recursively. */
    record Files(String input) implements IngestSource {}

    /** {@code identities} generated identities, each in {@code lrpo.ingest.variants-per-identity} variants. */
    record Generated(long identities) implements IngestSource {
        public Generated {
            if (identities < 1) {
                throw new IllegalArgumentException("--generate needs at least 1 identity, got " + identities);
            }
        }
    }
}
