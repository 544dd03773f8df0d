/**
 * Facts about delivery that arrive from webhooks: pull requests, reviews, pushes, deployments,
 * incidents.
 */
@NullMarked
package dev.goodhart.model.delivery;

import org.jspecify.annotations.NullMarked;
