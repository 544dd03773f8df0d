/**
 * What vendors bill and report: rows of their cost and usage reports (Anthropic, OpenAI, GitHub
 * Copilot, Cursor), in exact US dollars, and how far imports from their APIs have read.
 */
@NullMarked
package dev.goodhart.model.billing;

import org.jspecify.annotations.NullMarked;
