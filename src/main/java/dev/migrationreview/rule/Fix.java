package dev.migrationreview.rule;

/**
 * The safe code to use instead, ready to apply. When {@code replacesStatement} is true the code
 * replaces the flagged statement's lines exactly (rendered as a GitHub suggestion block);
 * otherwise it is shown as an example to adapt.
 */
public record Fix(String code, boolean replacesStatement) {}
