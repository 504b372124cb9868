package org.lrpo.core.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The policy's network {@code eps_theta(x_t, t, c)} (METHOD.md section 1): owns the block, its weights and
 * the {@link NDManager} they live in, on one {@link Device}.
 *
 * <p>Tensors are in model space: images scaled to [-1, 1], {@code [B, C, R, R]}; t is the integer
 * diffusion timestep in [0, T). Outputs are created in the manager of {@code x_t}, so the caller's scope
 * owns them. Parameters have stable, readable names ({@code "base.encoder.l0res0.conv1.weight"},
 * {@code "control.zero3.bias"}) in a stable order: what optimisers and checkpoints key on.
 *
 * <p>Not thread-safe; one instance per thread (libtorch's autograd allows one gradient recording per JVM,
 * see FINDINGS.md).
 */
public final class ConditionalDenoiser implements TrainableNetwork {
    private final PolicyConfig config;
    private final Device device;
    private final NDManager manager;
    private final ControlledUNet block;
    private final ParameterStore store;
    private final Map<String, Parameter> parameters;
    private TrainableSet trainable = TrainableSet.ALL;

    private ConditionalDenoiser(PolicyConfig config, Device device, long initSeed) {
        this.config = Objects.requireNonNull(config, "config");
        this.device = Objects.requireNonNull(device, "device");
        this.manager = NDManager.newBaseManager(device);
        this.block = new ControlledUNet(config);
        int r = config.resolution();
        Shape image = new Shape(1, config.imageChannels(), r, r);
        block.initialize(manager, DataType.FLOAT32, image, new Shape(1), image);
        this.parameters = Collections.unmodifiableMap(ParameterNames.readable(block));
        WeightInit.apply(parameters, initSeed);
        this.store = new ParameterStore(manager, false);
        setTrainable(TrainableSet.ALL);
    }

    /**
     * A freshly initialised policy (weights from {@link WeightInit} streams of {@code initSeed}; the control
     * branch's output convolutions at zero) on {@code device}. Every parameter is trainable until
     * {@link #setTrainable} says otherwise.
     */
    public static ConditionalDenoiser create(PolicyConfig config, Device device, long initSeed) {
        return new ConditionalDenoiser(config, device, initSeed);
    }

    /** {@code eps_theta(x_t, t, c)}: x_t and lq {@code [B, C, R, R]} (lq may have batch 1: shared), t {@code [B]}. */
    public NDArray predictNoise(NDArray xt, int[] t, NDArray lq) {
        NDArray tArray = xt.getManager().create(t).toType(DataType.FLOAT32, false);
        return predictNoise(xt, tArray, lq);
    }

    /** As {@link #predictNoise(NDArray, int[], NDArray)} with t as an NDArray {@code [B]} on the same device. */
    public NDArray predictNoise(NDArray xt, NDArray t, NDArray lq) {
        checkImage("x_t", xt);
        checkImage("lq", lq);
        long b = xt.getShape().get(0);
        if (lq.getShape().get(0) == 1 && b > 1) {
            lq = lq.broadcast(xt.getShape());
            // The broadcast view would otherwise live in lq's (often long-lived) manager.
            lq.attach(xt.getManager());
        } else if (lq.getShape().get(0) != b) {
            throw new IllegalArgumentException("lq batch " + lq.getShape().get(0) + " must be 1 or equal x_t batch " + b);
        }
        checkTimesteps(t, b);
        return block.forward(store, new NDList(xt, t.toType(DataType.FLOAT32, false), lq), false).head();
    }

    /** The base UNet alone, {@code eps(x_t, t)} without the control branch: no LQ input at all. */
    public NDArray predictNoiseBaseOnly(NDArray xt, int[] t) {
        checkImage("x_t", xt);
        NDArray tArray = xt.getManager().create(t).toType(DataType.FLOAT32, false);
        checkTimesteps(tArray, xt.getShape().get(0));
        return block.forward(store, new NDList(xt, tArray), false).head();
    }

    @Override
    public Map<String, Parameter> parameters() {
        return parameters;
    }

    /** The parameters of one group, in the stable order. */
    public Map<String, Parameter> parameters(ParameterGroup group) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        parameters.forEach((name, p) -> {
            if (ParameterGroup.of(name) == group) {
                out.put(name, p);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    @Override
    public Map<String, Parameter> trainableParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        parameters.forEach((name, p) -> {
            if (trainable.trains(ParameterGroup.of(name))) {
                out.put(name, p);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /**
     * Chooses which groups are trained and (re)applies {@code requiresGradient} to every weight array.
     * Call again after replacing weight arrays (e.g. {@code loadParameters}, which drops the flag).
     */
    public void setTrainable(TrainableSet set) {
        this.trainable = Objects.requireNonNull(set, "set");
        parameters.forEach((name, p) -> {
            boolean train = set.trains(ParameterGroup.of(name));
            p.freeze(!train);
            p.getArray().setRequiresGradient(train);
        });
    }

    @Override
    public void refreshGradientFlags() {
        setTrainable(trainable);
    }

    public TrainableSet trainable() {
        return trainable;
    }

    /** Zeroes the gradients of this policy's trainable parameters only (never a JVM-wide walk). */
    public void zeroGradients() {
        for (Parameter p : trainableParameters().values()) {
            NDArray array = p.getArray();
            if (array.hasGradient()) {
                try (NDArray grad = array.getGradient()) {
                    grad.subi(grad);
                }
            }
        }
    }

    /** Number of scalar weights in total. */
    public long parameterCount() {
        return parameters.values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    /** Number of scalar weights in one group. */
    public long parameterCount(ParameterGroup group) {
        return parameters(group).values().stream().mapToLong(p -> p.getArray().size()).sum();
    }

    public PolicyConfig config() {
        return config;
    }

    public Device device() {
        return device;
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    /** The underlying DJL block (for {@code saveParameters}/{@code loadParameters}). */
    public Block block() {
        return block;
    }

    @Override
    public void close() {
        manager.close();
    }

    private void checkImage(String what, NDArray a) {
        Shape s = a.getShape();
        int r = config.resolution();
        if (s.dimension() != 4 || s.get(1) != config.imageChannels() || s.get(2) != r || s.get(3) != r) {
            throw new IllegalArgumentException(what + " must be [B, " + config.imageChannels() + ", " + r + ", " + r
                    + "], got " + s);
        }
        if (!a.getDevice().equals(device)) {
            throw new IllegalArgumentException(what + " is on " + a.getDevice() + " but the policy is on " + device);
        }
    }

    private static void checkTimesteps(NDArray t, long batch) {
        if (t.getShape().dimension() != 1 || t.getShape().get(0) != batch) {
            throw new IllegalArgumentException("t must be [" + batch + "] (one timestep per sample), got " + t.getShape());
        }
    }
}
