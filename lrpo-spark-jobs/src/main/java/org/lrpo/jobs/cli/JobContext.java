package org.lrpo.jobs.cli;

import com.typesafe.config.Config;
import org.lrpo.core.config.LrpoSettings;
import org.lrpo.jobs.spark.SparkSettings;

/** The validated configuration a job runs with. */
public record JobContext(String jobName, Config config, LrpoSettings settings, SparkSettings spark) {}
