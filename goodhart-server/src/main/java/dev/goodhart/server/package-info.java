/**
 * {@code goodhart serve}: one process that receives agents' OpenTelemetry, GitHub's webhooks and
 * other tools' deployments and incidents, and shows outcome per dollar per team.
 */
@NullMarked
package dev.goodhart.server;

import org.jspecify.annotations.NullMarked;
