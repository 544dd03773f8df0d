/**
 * List prices of models and the rules that turn tokens into dollars: the whole-request long-context
 * rate, cache write and read multipliers, fast mode. Money is {@link java.math.BigDecimal}
 * throughout; no binary floating point sum.
 */
@NullMarked
package dev.goodhart.model.pricing;

import org.jspecify.annotations.NullMarked;
