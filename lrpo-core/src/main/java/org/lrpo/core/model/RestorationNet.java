package org.lrpo.core.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The stage-1 restoration module {@code R} of METHOD.md sections 1 and 7 (DiffBIR's first stage; SwinIR
 * in the authors' code): removes the degradation, {@code clean = R(lq)}, and the diffusion policy is
 * conditioned on {@code clean}. Fully convolutional: any {@code [B, C, H, W]} in, the same shape out.
 *
 * <p>Tensors are in model space ([-1, 1], {@link ModelSpace}). The tail convolution starts at zero, so a
 * fresh network is the identity {@code R(x) = x} and training learns the correction (a global residual,
 * as EDSR and SwinIR's image-restoration heads). Parameter names start with {@code "stage1."}.
 *
 * <p>Not thread-safe; frozen (the default after {@link #freeze()}) it only runs forward passes.
 */
public final class RestorationNet implements TrainableNetwork {
    /** Prefix of every parameter name; also the seed domain of the initial weights. */
    public static final String PREFIX = "stage1";

    private final RestorationConfig config;
    private final Device device;
    private final NDManager manager;
    private final Net block;
    private final ParameterStore store;
    private final Map<String, Parameter> parameters;
    private boolean frozen;

    private RestorationNet(RestorationConfig config, Device device, long initSeed) {
        this.config = Objects.requireNonNull(config, "config");
        this.device = Objects.requireNonNull(device, "device");
        this.manager = NDManager.newBaseManager(device);
        this.block = new Net(config);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, config.imageChannels(), 16, 16));
        Map<String, Parameter> named = ParameterNames.readable(new Wrapper(block));
        this.parameters = Collections.unmodifiableMap(named);
        WeightInit.apply(parameters, initSeed);
        // The identity at start: the tail adds nothing until training teaches it the correction.
        for (Map.Entry<String, Parameter> e : parameters.entrySet()) {
            if (e.getKey().startsWith(PREFIX + ".tail.")) {
                NDArray a = e.getValue().getArray();
                a.set(FloatBuffer.wrap(new float[Math.toIntExact(a.size())]));
            }
        }
        this.store = new ParameterStore(manager, false);
        refreshGradientFlags();
    }

    /** A freshly initialised, trainable network (the identity map) on {@code device}. */
    public static RestorationNet create(RestorationConfig config, Device device, long initSeed) {
        return new RestorationNet(config, device, initSeed);
    }

    /** {@code R(x)} for {@code x [B, C, H, W]} in model space; the result lives in {@code x}'s manager. */
    public NDArray forward(NDArray x) {
        Shape s = x.getShape();
        if (s.dimension() != 4 || s.get(1) != config.imageChannels()) {
            throw new IllegalArgumentException("input must be [B, " + config.imageChannels() + ", H, W], got " + s);
        }
        if (!x.getDevice().equals(device)) {
            throw new IllegalArgumentException("input is on " + x.getDevice() + " but the network is on " + device);
        }
        return block.forward(store, new NDList(x), false).head();
    }

    /** Stops every parameter from receiving gradients: R is frozen during diffusion training (METHOD 7). */
    public RestorationNet freeze() {
        frozen = true;
        refreshGradientFlags();
        return this;
    }

    public boolean frozen() {
        return frozen;
    }

    @Override
    public Map<String, Parameter> parameters() {
        return parameters;
    }

    @Override
    public Map<String, Parameter> trainableParameters() {
        return frozen ? Map.of() : parameters;
    }

    @Override
    public void refreshGradientFlags() {
        parameters.values().forEach(p -> {
            p.freeze(frozen);
            p.getArray().setRequiresGradient(!frozen);
        });
    }

    public RestorationConfig config() {
        return config;
    }

    public Device device() {
        return device;
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    public long parameterCount() {
        return parameters.values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    @Override
    public void close() {
        manager.close();
    }

    /** head (3x3) -> blocks -> SiLU -> tail (3x3), plus the input. */
    private static final class Net extends AbstractBlock {
        private final Block head;
        private final List<Block> blocks = new ArrayList<>();
        private final Block tail;

        Net(RestorationConfig c) {
            head = addChildBlock("head", Convs.conv3x3(c.channels()));
            for (int i = 0; i < c.blocks(); i++) {
                blocks.add(addChildBlock("block" + i, new PlainResBlock(c.channels())));
            }
            tail = addChildBlock("tail", Convs.conv3x3(c.imageChannels()));
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                PairList<String, Object> params) {
            NDArray x = inputs.head();
            NDArray h = head.forward(ps, new NDList(x), training).head();
            for (Block b : blocks) {
                h = b.forward(ps, new NDList(h), training).head();
            }
            return new NDList(x.add(tail.forward(ps, new NDList(Swish.apply(h)), training).head()));
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            Shape x = inputShapes[0];
            head.initialize(manager, dataType, x);
            Shape hidden = head.getOutputShapes(new Shape[] {x})[0];
            for (Block b : blocks) {
                b.initialize(manager, dataType, hidden);
            }
            tail.initialize(manager, dataType, hidden);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return new Shape[] {inputShapes[0]};
        }
    }

    /** Puts the network under the name {@link #PREFIX}, so its parameters read "stage1.head.weight". */
    private static final class Wrapper extends AbstractBlock {
        Wrapper(Net net) {
            addChildBlock(PREFIX, net);
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                PairList<String, Object> params) {
            throw new UnsupportedOperationException("only names parameters");
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }
}
