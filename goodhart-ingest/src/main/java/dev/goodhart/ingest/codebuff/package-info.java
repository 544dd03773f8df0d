/**
 * Codebuff chat histories ({@code ~/.config/manicode/projects/<project>/chats/<chat>/
 * chat-messages.json}). Each assistant message carries its request's usage in one of the shapes its
 * providers return ({@link dev.goodhart.ingest.codebuff.CodebuffUsage}). Codebuff also records the
 * credits it charged; they are not dollars and are not read.
 */
@NullMarked
package dev.goodhart.ingest.codebuff;

import org.jspecify.annotations.NullMarked;
