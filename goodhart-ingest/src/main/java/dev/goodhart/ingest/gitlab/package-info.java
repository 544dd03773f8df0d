/**
 * GitLab: a project's merge requests with their commits and notes, imported from its REST API into
 * the same {@link dev.goodhart.model.delivery delivery facts} as GitHub's pull requests. Approvals
 * (system notes) are reviews; people's notes are review comments, their text never kept. Usernames
 * and commit addresses are kept only as pseudonyms.
 */
@NullMarked
package dev.goodhart.ingest.gitlab;

import org.jspecify.annotations.NullMarked;
