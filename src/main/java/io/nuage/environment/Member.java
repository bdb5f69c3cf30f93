package io.nuage.environment;

import java.util.UUID;

/**
 * A live resource labelled as an environment's: its kind ({@code network}, {@code volume}, {@code instance}), full
 * name, id, phase, and for an instance whether it is meant to run.
 */
public record Member(String kind, String name, UUID id, String phase, boolean running) {
}
