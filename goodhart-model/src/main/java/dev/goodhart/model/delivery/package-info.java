/**
 * Facts about delivery that arrive from webhooks and forge imports: pull requests, their commits,
 * reviews and review comments, pushes, deployments, incidents; and the cursor of forge imports.
 */
@NullMarked
package dev.goodhart.model.delivery;

import org.jspecify.annotations.NullMarked;
