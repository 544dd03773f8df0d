/**
 * pi coding agent sessions ({@code ~/.pi/agent/sessions/<encoded cwd>/<time>_<id>.jsonl}). Each
 * assistant message entry carries its request's {@code usage} (input without cache, output, cache
 * reads and writes, and pi's own {@code cost.total}) and its tool calls, whose {@code write} and
 * {@code edit} show the files the session wrote. {@link dev.goodhart.ingest.pi.PiSessionParser}
 * reads OpenClaw's sessions too, which pi's session manager writes.
 */
@NullMarked
package dev.goodhart.ingest.pi;

import org.jspecify.annotations.NullMarked;
