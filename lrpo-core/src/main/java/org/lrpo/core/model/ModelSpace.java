package org.lrpo.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.lrpo.core.image.RgbImage;

/**
 * Images in [0, 1] are diffused in [-1, 1] (x = 2 * pixel - 1), as diffusion models conventionally are;
 * this class is the one place that maps between the two.
 */
public final class ModelSpace {
    private ModelSpace() {}

    /** A batch {@code [B, 3, H, W]} in [-1, 1] from images of one size. */
    public static NDArray batch(NDManager manager, List<RgbImage> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("empty batch");
        }
        int w = images.get(0).width();
        int h = images.get(0).height();
        int d = 3 * w * h;
        float[] data = new float[images.size() * d];
        for (int i = 0; i < images.size(); i++) {
            RgbImage img = images.get(i);
            if (img.width() != w || img.height() != h) {
                throw new IllegalArgumentException("image " + i + " is " + img + ", image 0 is " + w + "x" + h);
            }
            float[] chw = img.chw();
            for (int j = 0; j < d; j++) {
                data[i * d + j] = 2f * chw[j] - 1f;
            }
        }
        return manager.create(data, new Shape(images.size(), 3, h, w));
    }

    /** Sample {@code index} of a model-space batch as an image, clipped to [0, 1]. */
    public static RgbImage image(float[] batch, int index, int width, int height) {
        int d = 3 * width * height;
        float[] chw = new float[d];
        for (int j = 0; j < d; j++) {
            float v = (batch[index * d + j] + 1f) * 0.5f;
            chw[j] = v < 0f ? 0f : (v > 1f ? 1f : v);
        }
        return RgbImage.wrap(width, height, chw);
    }

    /** One image's values in [-1, 1], (C, H, W) order. */
    public static float[] values(RgbImage image) {
        float[] chw = image.chw();
        float[] out = new float[chw.length];
        for (int j = 0; j < chw.length; j++) {
            out[j] = 2f * chw[j] - 1f;
        }
        return out;
    }
}
