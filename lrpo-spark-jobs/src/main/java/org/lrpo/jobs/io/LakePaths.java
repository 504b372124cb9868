package org.lrpo.jobs.io;

import java.net.URI;
import java.net.URISyntaxException;
import org.apache.hadoop.fs.Path;

/**
 * The one way a listed file's name travels between Spark's listing and a Hadoop {@link Path}.
 *
 * <p>Spark's file index reports files as URI strings, escaped ({@code a b%.png} becomes
 * {@code a%20b%25.png}). {@code new Path(String)} does not unescape, so it names a different file; a
 * listed name must go back through {@link URI}. Names holding spaces, {@code %}, {@code #}, {@code ?},
 * {@code +} and non-ASCII characters all survive this round trip.
 */
public final class LakePaths {
    private LakePaths() {}

    /** The Hadoop path of a file as Spark's listing reports it (an escaped URI string). */
    public static Path fromListing(String listed) {
        try {
            return new Path(new URI(listed));
        } catch (URISyntaxException e) {
            // Not escaped (a path a person typed): Path's own parsing is right for it.
            return new Path(listed);
        }
    }

    /** The unescaped path string a person reads in manifests and messages. */
    public static String readable(Path path) {
        URI uri = path.toUri();
        return (uri.getScheme() == null ? "" : uri.getScheme() + ":")
                + (uri.getAuthority() == null ? (uri.getScheme() == null ? "" : "//") : "//" + uri.getAuthority())
                + uri.getPath();
    }
}
