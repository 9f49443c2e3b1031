package dev.migrationreview.report;

/** Turns a report into one output format. Renderers show; they never decide. */
public interface Renderer {

    String render(ReviewReport report);
}
