/**
 * {@code goodhart report --html FILE}: one self-contained page that answers "what did the tokens
 * ship?" with charts drawn offline from the report document embedded in it; and the live
 * dashboard's page ({@link dev.goodhart.report.html.DashboardAssets}), which draws the same charts
 * from the server's API.
 */
@NullMarked
package dev.goodhart.report.html;

import org.jspecify.annotations.NullMarked;
