/**
 * The facts goodhart reasons about (usage events, file checkpoints), its single error model, and
 * nothing else: this module depends on the JDK only, so every other module can share these types.
 */
@NullMarked
package dev.goodhart.model;

import org.jspecify.annotations.NullMarked;
