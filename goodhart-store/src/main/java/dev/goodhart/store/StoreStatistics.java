package dev.goodhart.store;

/**
 * @param events usage events stored, copies of one request counted once
 * @param countedEvents events that reports count (sidechain replays of a stored request are not)
 * @param files log files with a checkpoint
 */
public record StoreStatistics(int schemaVersion, long events, long countedEvents, long files) {}
