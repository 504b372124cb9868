package org.lrpo.core.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Switches libtorch's (thread-local) autograd recording off for a scope, like {@code torch.no_grad()}.
 * Rollouts need no graph: without this, every op on a parameter that requires a gradient would record
 * one. Restores the previous mode on close. A no-op on engines other than PyTorch.
 */
public final class NoGrad implements AutoCloseable {
    private final boolean pytorch;
    private final boolean previous;

    private NoGrad() {
        pytorch = "PyTorch".equals(Engine.getInstance().getEngineName());
        previous = pytorch && JniUtils.isGradMode();
        if (pytorch) {
            JniUtils.setGradMode(false);
        }
    }

    /** Opens a no-gradient scope; use in try-with-resources. */
    public static NoGrad open() {
        return new NoGrad();
    }

    @Override
    public void close() {
        if (pytorch) {
            JniUtils.setGradMode(previous);
        }
    }
}
