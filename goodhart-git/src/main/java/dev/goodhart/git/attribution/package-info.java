/**
 * AI attribution of commits: trailers, author identities and markers the agents write, session
 * trailers, git-ai notes and Agent Trace records; and the references a message makes (reverted
 * commits, pull request numbers).
 */
@NullMarked
package dev.goodhart.git.attribution;

import org.jspecify.annotations.NullMarked;
