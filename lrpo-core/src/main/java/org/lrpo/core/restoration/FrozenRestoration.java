package org.lrpo.core.restoration;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lrpo.core.image.RgbImage;
import org.lrpo.core.model.ModelSpace;
import org.lrpo.core.model.NoGrad;
import org.lrpo.core.model.RestorationNet;

/**
 * A trained, frozen {@link RestorationNet} as the system's {@link RestorationModule}: images of the same
 * size that fit one tile are restored in batches; larger ones tile by tile ({@link TiledRestoration}).
 * Calls are serialised: one network, many task threads.
 */
public final class FrozenRestoration implements RestorationModule, AutoCloseable {
    private static final int BATCH = 16;

    private final RestorationNet net;
    private final TiledRestoration tiles;
    private final String fingerprint;

    /**
     * @param net the trained network; frozen here, owned (closed) by this object
     * @param tileSize largest side of one network pass
     * @param fingerprint the weights' hash (the stage-1 checkpoint's weights SHA-256)
     */
    public FrozenRestoration(RestorationNet net, int tileSize, String fingerprint) {
        this.net = Objects.requireNonNull(net, "net").freeze();
        this.tiles = new TiledRestoration(tileSize, net.config().receptiveRadius());
        this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
    }

    @Override
    public synchronized List<RgbImage> restore(List<RgbImage> lq) {
        List<RgbImage> out = new ArrayList<>(lq.size());
        int i = 0;
        try (NoGrad ignored = NoGrad.open(); NDManager scope = net.manager().newSubManager()) {
            while (i < lq.size()) {
                RgbImage first = lq.get(i);
                if (!tiles.fitsOneTile(first)) {
                    out.add(tiles.apply(first, scope, net::forward));
                    i++;
                    continue;
                }
                int j = i + 1;
                while (j < lq.size() && j - i < BATCH && lq.get(j).width() == first.width()
                        && lq.get(j).height() == first.height()) {
                    j++;
                }
                try (NDManager batch = scope.newSubManager()) {
                    NDArray x = ModelSpace.batch(batch, lq.subList(i, j));
                    float[] y = net.forward(x).toFloatArray();
                    for (int k = 0; k < j - i; k++) {
                        out.add(ModelSpace.image(y, k, first.width(), first.height()));
                    }
                }
                i = j;
            }
        }
        return out;
    }

    /** One image of any size, tiled when it is larger than a tile. */
    public RgbImage restore(RgbImage lq) {
        return restore(List.of(lq)).get(0);
    }

    @Override
    public String fingerprint() {
        return fingerprint;
    }

    public RestorationNet network() {
        return net;
    }

    @Override
    public void close() {
        net.close();
    }
}
