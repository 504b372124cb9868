package org.lrpo.jobs.ingest;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The executors' output before the split into faces and rejects: the {@link FaceDataset#SCHEMA} columns
 * (null for a rejected input, except {@code source}) followed by the reject's reason and message (null
 * for a face). One pass over the inputs feeds both tables.
 */
final class DecodedRows {
    static final String REJECT_REASON = "reject_reason";
    static final String REJECT_MESSAGE = "reject_message";

    static final StructType SCHEMA;

    static {
        StructType s = new StructType();
        for (StructField f : FaceDataset.SCHEMA.fields()) {
            s = s.add(f.name(), f.dataType(), true);
        }
        SCHEMA = s.add(REJECT_REASON, DataTypes.StringType, true).add(REJECT_MESSAGE, DataTypes.StringType, true);
    }

    private DecodedRows() {}

    static Row face(ImportedFace f, String source) {
        return RowFactory.create(f.id(), f.hqPng(), f.width(), f.height(), f.resolution(), f.split(), source,
                null, null);
    }

    static Row reject(String source, RejectReason reason, String message) {
        return RowFactory.create(null, null, null, null, null, null, source, reason.name(), message);
    }
}
