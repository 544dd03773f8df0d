package dev.goodhart.synthetic.org;

import java.time.Instant;

/**
 * A moment someone may revert a recent commit on main. Attempts come in groups of a few days; the
 * first that finds a commit to revert makes the group's revert.
 */
record RevertAttempt(int repository, Person person, Instant at, int group) {}
