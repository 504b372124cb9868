package org.lrpo.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

class SecretRedactionTest {
    private static final Config CONFIG = ConfigFactory.parseString("""
            lrpo {
              model.resolution = 32
              spark.master = "local[2]"
              spark.conf {
                "spark.hadoop.fs.s3a.secret.key" = "S3-SECRET-1"
                "spark.hadoop.fs.s3a.access.key" = "AKIA-ACCESS-2"
                "spark.hadoop.fs.s3a.session.token" = "TOKEN-3"
                "spark.hadoop.fs.s3a.endpoint" = "http://127.0.0.1:9000"
                "spark.hadoop.fs.azure.account.key.lake.blob.core.windows.net" = "AZURE-4"
                "spark.hadoop.fs.s3a.encryption.key" = "ENC-5"
              }
              spark.hadoop.fs.s3a.secret.key = "NESTED-6"
              db { password = "PW-7", user = "alice" }
            }
            """);

    @Test
    void everyCredentialIsHiddenAndNothingElseChanges() {
        Config redacted = SecretRedaction.redact(CONFIG);
        String text = SecretRedaction.lrpoText(CONFIG);
        for (String secret : new String[] {"S3-SECRET-1", "AKIA-ACCESS-2", "TOKEN-3", "AZURE-4", "ENC-5", "NESTED-6",
                "PW-7"}) {
            assertFalse(text.contains(secret), secret + " leaked: " + text);
        }
        assertEquals(SecretRedaction.REDACTED, redacted.getString("lrpo.db.password"));
        assertEquals(SecretRedaction.REDACTED, redacted.getString("lrpo.spark.hadoop.fs.s3a.secret.key"));
        assertEquals(SecretRedaction.REDACTED, redacted.getConfig("lrpo.spark.conf")
                .getString("\"spark.hadoop.fs.s3a.secret.key\""));
        assertEquals("http://127.0.0.1:9000", redacted.getConfig("lrpo.spark.conf")
                .getString("\"spark.hadoop.fs.s3a.endpoint\""));
        assertEquals(32, redacted.getInt("lrpo.model.resolution"));
        assertEquals("local[2]", redacted.getString("lrpo.spark.master"));
        assertEquals("alice", redacted.getString("lrpo.db.user"));
        assertTrue(CONFIG.getString("lrpo.db.password").equals("PW-7"), "the running configuration keeps its values");
    }
}
