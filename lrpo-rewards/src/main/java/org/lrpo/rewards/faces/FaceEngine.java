package org.lrpo.rewards.faces;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

/** The DJL engine the face networks run on: PyTorch, CPU (inference only, no gradients). */
final class FaceEngine {
    static final String ENGINE = "PyTorch";

    private FaceEngine() {
    }

    static NDManager newManager() {
        Engine engine = Engine.getEngine(ENGINE);
        return engine.newBaseManager(Device.cpu());
    }
}
