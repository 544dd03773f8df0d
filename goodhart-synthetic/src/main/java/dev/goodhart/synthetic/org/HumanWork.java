package dev.goodhart.synthetic.org;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A commit someone writes by hand, with no agent session behind it. */
record HumanWork(Person person, int repository, @Nullable Task task, Instant at, String topic) {}
