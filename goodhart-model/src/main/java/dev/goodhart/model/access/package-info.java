/** Who may write to and read from a goodhart server: API tokens and their scopes. */
@NullMarked
package dev.goodhart.model.access;

import org.jspecify.annotations.NullMarked;
