import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PluginInstrumentation } from '../plugin/runtime.js';

/**
 * Prometheus metrics of one host, in their own registry (so two hosts in one
 * process, e.g. in tests, do not collide).
 */
export interface HostMetricsSource {
  /** Events the hub received from the server. */
  received(): number;
  connected(): boolean;
  pluginsLoaded(): number;
}

export class HostMetrics {
  readonly registry = new Registry();
  readonly dispatched: Counter<'plugin' | 'topic'>;
  readonly errors: Counter<'plugin' | 'topic'>;
  readonly latency: Histogram<'plugin' | 'topic'>;
  readonly reconnects: Counter;

  constructor(source: HostMetricsSource) {
    const registers = [this.registry];
    new Counter({
      name: 'ftrack_host_events_received_total',
      help: 'Events received from the ftrack event hub',
      registers,
      collect() {
        this.reset();
        this.inc(source.received());
      },
    });
    this.dispatched = new Counter({
      name: 'ftrack_host_events_dispatched_total',
      help: 'Events delivered to a plugin handler',
      labelNames: ['plugin', 'topic'],
      registers,
    });
    this.errors = new Counter({
      name: 'ftrack_host_handler_errors_total',
      help: 'Plugin handlers that threw or rejected',
      labelNames: ['plugin', 'topic'],
      registers,
    });
    this.latency = new Histogram({
      name: 'ftrack_host_handler_duration_seconds',
      help: 'Time plugin handlers took, seconds',
      labelNames: ['plugin', 'topic'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.reconnects = new Counter({
      name: 'ftrack_host_hub_reconnects_total',
      help: 'Times the event hub connection was re-established',
      registers,
    });
    new Gauge({
      name: 'ftrack_host_hub_connected',
      help: '1 when the event hub is connected',
      registers,
      collect() {
        this.set(source.connected() ? 1 : 0);
      },
    });
    new Gauge({
      name: 'ftrack_host_plugins_loaded',
      help: 'Plugins loaded at start',
      registers,
      collect() {
        this.set(source.pluginsLoaded());
      },
    });
  }

  /** Feeds the per-plugin metrics from the plugin runtime. */
  instrumentation(): PluginInstrumentation {
    return {
      delivered: (plugin, topic) => this.dispatched.inc({ plugin, topic }),
      handled: (plugin, topic, ms, error) => {
        this.latency.observe({ plugin, topic }, ms / 1000);
        if (error !== undefined) this.errors.inc({ plugin, topic });
      },
    };
  }
}
