/**
 * GitHub: webhook deliveries (the signature check, and the {@code pull_request}, {@code
 * pull_request_review}, {@code pull_request_review_comment}, {@code push} and {@code
 * deployment_status} events), and the REST API's pull requests with their commits, reviews and
 * review comments, imported or read from a saved file; all read into {@link
 * dev.goodhart.model.delivery delivery facts} by the same code. Only identifiers, states, times,
 * counts, refs and paths are kept: no titles, bodies, commit messages, comment text, names or
 * e-mail addresses, and logins and addresses only as pseudonyms.
 */
@NullMarked
package dev.goodhart.ingest.github;

import org.jspecify.annotations.NullMarked;
