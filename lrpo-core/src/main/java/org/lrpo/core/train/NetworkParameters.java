package org.lrpo.core.train;

import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lrpo.core.model.TrainableNetwork;
import org.lrpo.core.optim.DjlParameters;
import org.lrpo.core.optim.DjlWeightWriter;
import org.lrpo.core.optim.ParameterLayout;
import org.lrpo.core.optim.ParameterSet;

/**
 * A network's weights as flat vectors under their readable names: the whole set (what checkpoints
 * hold) and the trainable subset (what gradients, AdamW and broadcasts carry).
 */
public final class NetworkParameters {
    private final TrainableNetwork network;
    private final ParameterList all;
    private final ParameterList trainable;
    private final ParameterLayout allLayout;
    private final ParameterLayout trainableLayout;
    private final DjlWeightWriter allWriter;
    private final DjlWeightWriter trainableWriter;

    public NetworkParameters(TrainableNetwork network) {
        this.network = network;
        this.all = list(network.parameters());
        this.trainable = list(network.trainableParameters());
        this.allLayout = DjlParameters.layoutOf(all, name -> true);
        this.trainableLayout = DjlParameters.layoutOf(trainable, name -> true);
        // One writer per parameter list: it reuses direct buffers (a fresh heap buffer per write leaks).
        this.allWriter = new DjlWeightWriter(allLayout);
        this.trainableWriter = new DjlWeightWriter(trainableLayout);
    }

    private static ParameterList list(Map<String, Parameter> named) {
        return new ParameterList(new ArrayList<>(named.keySet()), new ArrayList<>(named.values()));
    }

    public ParameterLayout allLayout() {
        return allLayout;
    }

    public ParameterLayout trainableLayout() {
        return trainableLayout;
    }

    /** A copy of every weight. */
    public ParameterSet readAll() {
        return DjlParameters.read(all, allLayout);
    }

    /** A copy of the trainable weights. */
    public ParameterSet readTrainable() {
        return DjlParameters.read(trainable, trainableLayout);
    }

    public void writeAll(ParameterSet values) {
        allWriter.write(values, all);
        network.refreshGradientFlags();
    }

    public void writeTrainable(ParameterSet values) {
        trainableWriter.write(values, trainable);
    }

    public void zeroGradients() {
        DjlParameters.zeroGradients(trainable, trainableLayout);
    }

    /** Adds nothing: copies the current gradients of the trainable weights into {@code dst}. */
    public void readGradients(float[] dst) {
        DjlParameters.readGradients(trainable, trainableLayout, dst);
    }

    public List<String> trainableNames() {
        return trainableLayout.names();
    }

    /** Which trainable weights AdamW decays: all but biases and normalisation parameters (both stages, LRPO). */
    public boolean[] weightDecayMask() {
        return trainableLayout().mask(name -> !name.endsWith("bias") && !name.contains("norm"));
    }
}
