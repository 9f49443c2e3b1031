package dev.migrationreview.discovery;

/** Which way a migration file moves the schema. UP_AND_DOWN files (goose, dbmate) hold both sections. */
public enum Direction { UP, DOWN, UP_AND_DOWN, REPEATABLE }
