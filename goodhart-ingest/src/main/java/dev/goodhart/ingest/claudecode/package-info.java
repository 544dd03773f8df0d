/**
 * Claude Code session transcripts ({@code ~/.claude/projects/<project>/<session>.jsonl}, sub-agent
 * files beside them). One API response is written as one line per content block, all sharing {@code
 * message.id} and {@code requestId}; sub-agents may replay a response in their sidechain under a
 * new {@code requestId}. See FORMATS.md §1.6.
 */
@NullMarked
package dev.goodhart.ingest.claudecode;

import org.jspecify.annotations.NullMarked;
