package org.lrpo.jobs.ingest;

/**
 * One face ready for the dataset: the row of {@link FaceDataset} without its source.
 *
 * @param id     stable id ({@link FaceIds})
 * @param hqPng  8-bit RGB PNG, {@code resolution x resolution}
 * @param width  width of the original image, before cropping and resizing
 * @param height height of the original image
 * @param resolution side of {@code hqPng}
 * @param split  {@link FaceDataset#TRAIN} or {@link FaceDataset#HELD_OUT}
 */
public record ImportedFace(String id, byte[] hqPng, int width, int height, int resolution, String split) {}
