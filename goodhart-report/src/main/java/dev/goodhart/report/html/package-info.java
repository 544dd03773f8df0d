/**
 * {@code goodhart report --html FILE}: one self-contained page that answers "what did the tokens
 * ship?" with charts drawn offline from the report document embedded in it.
 */
@NullMarked
package dev.goodhart.report.html;

import org.jspecify.annotations.NullMarked;
