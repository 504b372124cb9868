package org.lrpo.core.config;

import org.lrpo.core.model.RestorationConfig;

/**
 * The stage-1 restoration module R (METHOD sections 1 and 7): its shape, its pixel loss, its optimiser
 * and how whole images are tiled.
 *
 * @param channels width of R's hidden layers
 * @param blocks R's residual blocks (receptive radius {@code 2 + 2 * blocks} pixels)
 * @param loss pixel loss of its supervised training
 * @param optimiser steps, batch, learning rate, EMA and checkpoints of its training, the keys of
 *     {@link PretrainSettings} under {@code lrpo.restoration}
 * @param tileSize images larger than this (either side) are restored in overlapping tiles of this side
 */
public record RestorationSettings(int channels, int blocks, PixelLoss loss, PretrainSettings optimiser,
                                  int tileSize) {

    static RestorationSettings read(SettingsReader r) {
        RestorationSettings s = new RestorationSettings(
                r.intIn("lrpo.restoration.channels", 4, 1024),
                r.intIn("lrpo.restoration.blocks", 0, 64),
                r.oneOf("lrpo.restoration.loss", PixelLoss.class),
                PretrainSettings.read(r, "lrpo.restoration"),
                r.intIn("lrpo.restoration.tile-size", 16, 8192));
        int halo = s.network().receptiveRadius();
        r.require(s.tileSize > 4 * halo, "lrpo.restoration.tile-size = " + s.tileSize + " must exceed 4x the receptive "
                + "radius of lrpo.restoration.blocks = " + s.blocks + " (" + halo + " px), or tiles would be mostly overlap");
        return s;
    }

    /** The network shape these settings describe (RGB). */
    public RestorationConfig network() {
        return RestorationConfig.rgb(channels, blocks);
    }
}
