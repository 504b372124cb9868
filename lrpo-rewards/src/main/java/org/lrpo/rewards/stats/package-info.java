/** Uncertainty of metric means over faces: the reports' intervals and paired differences. */
package org.lrpo.rewards.stats;
