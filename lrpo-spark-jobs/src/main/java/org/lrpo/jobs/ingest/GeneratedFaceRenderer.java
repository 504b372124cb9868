package org.lrpo.jobs.ingest;

import java.util.Iterator;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * Executor side of {@code --generate}: face index {@code i} is identity {@code i / variants}, variant
 * {@code i % variants} of {@link org.lrpo.core.faces.FaceGenerator} under the run seed.
 */
final class GeneratedFaceRenderer implements MapPartitionsFunction<Long, Row> {
    private final IngestSettings settings;

    GeneratedFaceRenderer(IngestSettings settings) {
        this.settings = settings;
    }

    @Override
    public Iterator<Row> call(Iterator<Long> indices) {
        FaceImport faces = new FaceImport(settings);
        int variants = settings.variantsPerIdentity();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return indices.hasNext();
            }

            @Override
            public Row next() {
                long i = indices.next();
                return DecodedRows.face(faces.generated(settings.seed(), i / variants, i % variants),
                        FaceDataset.GENERATOR_SOURCE);
            }
        };
    }
}
