package io.coremonitor.engine.monitoring;

/**
 * Hears monitoring events. Called on a monitoring thread; keep it short (hand the event to a queue). An exception is
 * logged and never stops the monitoring.
 */
@FunctionalInterface
public interface MonitorListener {

    void onEvent(MonitorEvent event);
}
