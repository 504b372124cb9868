package org.lrpo.core.checkpoint;

/** A checkpoint read back and checked: its folder name, its manifest and its contents. */
public record LoadedCheckpoint(String name, CheckpointManifest manifest, CheckpointContents contents) {}
