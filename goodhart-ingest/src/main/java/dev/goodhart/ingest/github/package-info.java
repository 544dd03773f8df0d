/**
 * GitHub webhook deliveries: the signature check, and the {@code pull_request}, {@code
 * pull_request_review}, {@code push} and {@code deployment_status} events read into {@link
 * dev.goodhart.model.delivery delivery facts}. Only identifiers, states, times and counts are kept:
 * no titles, bodies, commit messages, names or e-mail addresses, and logins only as pseudonyms.
 */
@NullMarked
package dev.goodhart.ingest.github;

import org.jspecify.annotations.NullMarked;
