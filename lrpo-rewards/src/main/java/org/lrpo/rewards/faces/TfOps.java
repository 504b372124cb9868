package org.lrpo.rewards.faces;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;

/**
 * TensorFlow(.js) op semantics on PyTorch NCHW arrays, for inference only.
 *
 * <p>The one real difference is {@code 'same'} padding: TF pads {@code total = max((ceil(in / s) - 1) * s
 * + k - in, 0)} with {@code floor(total / 2)} before and the rest after (tfjs-core
 * {@code conv_util.computeConv2DInfo}), so a stride-2 3x3 conv on an even size pads only bottom/right,
 * which PyTorch's symmetric {@code padding} cannot express. We pad explicitly then. Max-pool padding
 * is {@code -inf} in TF (padded cells never win).
 */
final class TfOps {
    enum Padding { VALID, SAME }

    private TfOps() {
    }

    /** TF's 'same' split for one axis: {before, after}. */
    static int[] samePadding(long in, long kernel, int stride) {
        long out = (in + stride - 1) / stride;
        long total = Math.max(0, (out - 1) * stride + kernel - in);
        return new int[] {(int) (total / 2), (int) (total - total / 2)};
    }

    /** {@code tf.conv2d} (groups = 1) or {@code tf.depthwiseConv2d} (groups = channels), plus bias if given. */
    static NDArray conv2d(NDArray x, NDArray weight, NDArray bias, int stride, Padding padding, int groups) {
        Shape w = weight.getShape();
        long kh = w.get(2);
        long kw = w.get(3);
        NDArray in = x;
        long ph = 0;
        long pw = 0;
        boolean padded = false;
        if (padding == Padding.SAME) {
            int[] py = samePadding(x.getShape().get(2), kh, stride);
            int[] px = samePadding(x.getShape().get(3), kw, stride);
            if (py[0] == py[1] && px[0] == px[1]) {
                ph = py[0];
                pw = px[0];
            } else {
                in = pad(x, py[0], py[1], px[0], px[1], 0);
                padded = true;
            }
        }
        NDArray out = Conv2d.conv2d(in, weight, bias, new Shape(stride, stride), new Shape(ph, pw),
                new Shape(1, 1), groups).singletonOrThrow();
        if (padded) {
            in.close();
        }
        return out;
    }

    /** {@code tf.separableConv2d}: depthwise (multiplier 1 here) then pointwise 1x1, then the bias. */
    static NDArray separableConv2d(NDArray x, NDArray depthwise, NDArray pointwise, NDArray bias, int stride,
            Padding padding) {
        NDArray dw = conv2d(x, depthwise, null, stride, padding, (int) x.getShape().get(1));
        NDArray out = conv2d(dw, pointwise, bias, 1, Padding.VALID, 1);
        dw.close();
        return out;
    }

    /** Constant padding of the two spatial axes of an NCHW array. */
    static NDArray pad(NDArray x, long top, long bottom, long left, long right, double value) {
        // DJL hands this to torch.nn.functional.pad: pairs from the last axis backwards.
        return x.pad(new Shape(left, right, top, bottom), value);
    }

    /** {@code tf.maxPool(x, k, s, 'same')}. */
    static NDArray maxPoolSame(NDArray x, int kernel, int stride) {
        int[] py = samePadding(x.getShape().get(2), kernel, stride);
        int[] px = samePadding(x.getShape().get(3), kernel, stride);
        NDArray in = pad(x, py[0], py[1], px[0], px[1], Double.NEGATIVE_INFINITY);
        NDArray out = Pool.maxPool2d(in, new Shape(kernel, kernel), new Shape(stride, stride), new Shape(0, 0), false);
        in.close();
        return out;
    }

    /** {@code tf.maxPool(x, k, s, 'valid')}. */
    static NDArray maxPoolValid(NDArray x, int kernel, int stride) {
        return Pool.maxPool2d(x, new Shape(kernel, kernel), new Shape(stride, stride), new Shape(0, 0), false);
    }

    /** {@code tf.avgPool(x, k, s, 'valid')}. */
    static NDArray avgPoolValid(NDArray x, int kernel, int stride) {
        return Pool.avgPool2d(x, new Shape(kernel, kernel), new Shape(stride, stride), new Shape(0, 0), false, true);
    }

    static NDArray relu(NDArray x) {
        return x.maximum(0f);
    }

    /** face-api's {@code leaky}: {@code relu(x - 0.1x) + 0.1x}, i.e. a leaky ReLU with slope 0.1. */
    static NDArray leaky(NDArray x) {
        NDArray tenth = x.mul(0.10000000149011612f);
        NDArray out = x.maximum(tenth);
        tenth.close();
        return out;
    }
}
