package dev.goodhart.synthetic;

import java.nio.file.Path;

/**
 * What writing a {@link SessionScript} produced.
 *
 * @param sessionId the agent's id of the session
 * @param file the transcript or rollout
 * @param requests model requests written (each counted once)
 * @param linesWritten lines in the new text of the session's edits: {@code new_string} and {@code
 *     content} for Claude Code, the {@code +} lines of the patches for Codex
 * @param linesAdded lines the edits put into files that were not there before them (no context)
 */
public record WrittenSession(
    String sessionId, Path file, int requests, int linesWritten, int linesAdded) {}
