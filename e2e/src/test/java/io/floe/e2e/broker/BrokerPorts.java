package io.floe.e2e.broker;

/** The two loopback ports of a single-node cluster, kept across restarts. */
record BrokerPorts(int broker, int controller) {
  static final String LOOPBACK = LoopbackPorts.LOOPBACK;

  /** Ports free now; the broker binds them a moment later, with SO_REUSEADDR. */
  static BrokerPorts free() {
    int broker = LoopbackPorts.free();
    int controller = LoopbackPorts.free();
    while (controller == broker) {
      controller = LoopbackPorts.free();
    }
    return new BrokerPorts(broker, controller);
  }

  String brokerAddress() {
    return LOOPBACK + ":" + broker;
  }

  String controllerAddress() {
    return LOOPBACK + ":" + controller;
  }
}
