/**
 * ZCode's usage database ({@code ~/.zcode/cli/db/db.sqlite}, Z.ai's coding agent): one row of
 * {@code model_usage} per model request, read as one event each.
 */
@NullMarked
package dev.goodhart.ingest.zcode;

import org.jspecify.annotations.NullMarked;
