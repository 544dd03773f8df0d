/**
 * {@code goodhart statusline}: one line for Claude Code's status line hook, made without the store
 * from the transcripts' new bytes and a small cache of the recent requests.
 */
@NullMarked
package dev.goodhart.cli.statusline;

import org.jspecify.annotations.NullMarked;
