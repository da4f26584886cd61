package io.tlsaudit.parse;

/** Receives the problems a reader meets; readers keep going after reporting one. */
@FunctionalInterface
public interface LineProblemSink {
    void report(LineProblem problem);
}
