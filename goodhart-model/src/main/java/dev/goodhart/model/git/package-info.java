/**
 * Facts about what engineering delivered, as goodhart mines them from git: commits, their AI
 * attribution, and the fate of the lines they wrote.
 */
@NullMarked
package dev.goodhart.model.git;

import org.jspecify.annotations.NullMarked;
