package org.lrpo.core.model;

/** The two parameter groups of the policy (METHOD.md section 1). */
public enum ParameterGroup {
    /** The base UNet (paper: the frozen Stable Diffusion UNet). Names start with {@code "base."}. */
    BASE(ControlledUNet.BASE),
    /** The control branch that reads the LQ image (paper: IRControlNet). Names start with {@code "control."}. */
    CONTROL(ControlledUNet.CONTROL);

    private final String prefix;

    ParameterGroup(String childName) {
        this.prefix = childName + ".";
    }

    /** The name prefix of this group's parameters, e.g. {@code "control."}. */
    public String prefix() {
        return prefix;
    }

    /** The group of a parameter name produced by {@link ConditionalDenoiser#parameters()}. */
    public static ParameterGroup of(String name) {
        for (ParameterGroup g : values()) {
            if (name.startsWith(g.prefix)) {
                return g;
            }
        }
        throw new IllegalArgumentException("parameter name '" + name + "' belongs to no group (base., control.)");
    }
}
