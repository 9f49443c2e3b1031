package dev.migrationreview.report;

/** A mistake in the configuration file, shown beside the review that ran on the remaining settings. */
public record ConfigProblem(String path, int line, String message) {}
