/**
 * A synthetic organisation with a known truth: people, real git repositories with their history
 * (feature branches, merges, squashes, reverts, rework), and the Claude Code and Codex logs of the
 * sessions that made much of it, down to the edits and the {@code git commit} output. {@link
 * dev.goodhart.synthetic.org.SyntheticOrganisation} makes it; {@link
 * dev.goodhart.synthetic.org.OrganisationTruth} says what a correct reading finds.
 */
@NullMarked
package dev.goodhart.synthetic.org;

import org.jspecify.annotations.NullMarked;
