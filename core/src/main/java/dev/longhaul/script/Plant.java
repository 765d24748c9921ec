package dev.longhaul.script;

/**
 * A fact a turn plants in the conversation, to be asked for by a later {@link Probe} with the same key.
 *
 * @param key   names the fact; probes refer to it
 * @param value the fact as the prompt states it; it must occur in the planting turn's prompt
 */
public record Plant(String key, String value) {

    /**
     * Rejects a blank key or value.
     *
     * @param key   names the fact; probes refer to it
     * @param value the fact as the prompt states it; it must occur in the planting turn's prompt
     */
    public Plant {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a plant needs a key");
        }
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("plant '" + key + "' needs a value");
        }
    }
}
