/**
 * OpenAI Codex CLI session rollouts ({@code $CODEX_HOME/sessions/YYYY/MM/DD/rollout-*.jsonl} and
 * {@code archived_sessions/}). Usage arrives as {@code token_count} events whose {@code
 * last_token_usage} is one API call and whose {@code total_token_usage} is cumulative for the
 * session; the model comes from the latest {@code turn_context}. Input includes cached input. See
 * FORMATS.md §2.4. What a session wrote comes from its {@code apply_patch} calls and, in rollouts
 * that keep the full history, its {@code patch_apply_end} events (see {@code CodexPatches}).
 */
@NullMarked
package dev.goodhart.ingest.codex;

import org.jspecify.annotations.NullMarked;
