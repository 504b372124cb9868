package org.lrpo.rewards.reward;

/**
 * A reward component option is missing, unknown or out of range. Carries the component and the option key so
 * a configuration reader can name the full key ({@code lrpo.reward.components.<component>.<key>}).
 */
public final class InvalidOptionException extends IllegalArgumentException {
    private final String component;
    private final String key;

    public InvalidOptionException(String component, String key, String message) {
        super(message);
        this.component = component;
        this.key = key;
    }

    public String component() {
        return component;
    }

    /** The option key, or {@code null} when the problem is not one key's (e.g. unknown keys, listed in the message). */
    public String key() {
        return key;
    }
}
