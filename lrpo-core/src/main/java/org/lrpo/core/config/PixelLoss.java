package org.lrpo.core.config;

/** The stage-1 restoration module's pixel loss (METHOD 7, stage 1). */
public enum PixelLoss {
    /** Mean absolute error: sharper edges, the usual choice for restoration networks (EDSR, SwinIR). */
    L1,
    /** Mean squared error: directly maximises PSNR, tends to blur. */
    L2
}
