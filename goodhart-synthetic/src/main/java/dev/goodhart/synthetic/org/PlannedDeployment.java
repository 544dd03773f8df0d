package dev.goodhart.synthetic.org;

import java.time.Instant;

/**
 * A deployment of main's head to production, as the organisation's pipeline runs one or two a
 * working day; some fail.
 */
record PlannedDeployment(int number, Instant at, PlannedCommit commit, boolean succeeded) {}
