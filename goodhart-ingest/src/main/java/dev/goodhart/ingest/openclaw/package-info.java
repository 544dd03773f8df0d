/**
 * OpenClaw agent sessions ({@code ~/.openclaw/agents/<agent>/sessions/<session>.jsonl}, and the
 * {@code .reset.<time>} and {@code .deleted.<time>} copies OpenClaw keeps). OpenClaw runs pi's
 * agent and session manager, so its files are pi's format and {@link
 * dev.goodhart.ingest.pi.PiSessionParser} reads them; this package says where they are.
 */
@NullMarked
package dev.goodhart.ingest.openclaw;

import org.jspecify.annotations.NullMarked;
