import Foundation
import Metrics
import Prometheus

/// The service's metrics, counted through swift-metrics into a Prometheus registry (swift-prometheus)
/// that /metrics writes out in the text format. Each service has a factory of its own rather than the
/// process's MetricsSystem, which can be bootstrapped once: tests run several services in one process.
///
/// Every label has a bounded set of values: the route is the pattern the request matched (never the
/// path asked for), the method one of the known ones, the status a code the service answers.
final class ServiceMetrics: Sendable {
    /// Upper bounds of the latency histogram.
    static let buckets: [Duration] = [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                                      .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
                                      .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
                                      .seconds(120)]
    /// The methods counted by name; any other is counted as `other`.
    static let methods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    private let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    private let pages: Metrics.Counter
    private let abandonedRequests: Metrics.Counter
    private let placesTaken: Meter

    init() {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        self.registry = registry
        factory.defaultDurationHistogramBuckets = Self.buckets
        self.factory = factory
        pages = Metrics.Counter(label: "cedocs_pages_rendered_total", factory: factory)
        abandonedRequests = Metrics.Counter(label: "cedocs_requests_abandoned_total", factory: factory)
        placesTaken = Meter(label: "cedocs_render_pool_requests", factory: factory)
    }

    /// A request answered: counted, and its time put in the histogram, by method, route pattern and status.
    func request(method: String, route: String, status: Int, duration: Duration) {
        let dimensions = [("method", Self.methods.contains(method) ? method : "other"), ("route", route),
                          ("status", String(status))]
        Metrics.Counter(label: "cedocs_http_requests_total", dimensions: dimensions, factory: factory).increment()
        Metrics.Timer(label: "cedocs_http_request_duration_seconds", dimensions: dimensions, factory: factory)
            .record(duration: duration)
    }

    func pagesRendered(_ count: Int) {
        pages.increment(by: count)
    }

    /// Results a stamp request issued: new ones, and those in force that it gave again (`reused`).
    func stampsIssued(new: Int, reused: Int) {
        Metrics.Counter(label: "cedocs_stamps_issued_total", dimensions: [("reused", "false")], factory: factory)
            .increment(by: new)
        Metrics.Counter(label: "cedocs_stamps_issued_total", dimensions: [("reused", "true")], factory: factory)
            .increment(by: reused)
    }

    /// A request whose client left, or whose time ran out, before its work was done.
    func abandoned() {
        abandonedRequests.increment()
    }

    /// The render pool's places: how many it has (once, at start) and how many are taken now.
    func poolCapacity(_ places: Int) {
        Meter(label: "cedocs_render_pool_capacity", factory: factory).set(places)
    }

    func poolInUse(_ requests: Int) {
        placesTaken.set(requests)
    }

    /// A request the render pool refused (503): `busy` when every place was taken, `token_share` when
    /// its token had its share of them.
    func poolRefused(reason: String) {
        Metrics.Counter(label: "cedocs_render_pool_refused_total", dimensions: [("reason", reason)], factory: factory)
            .increment()
    }

    /// Every metric in the Prometheus text format (0.0.4).
    func exposition() -> String {
        registry.emitToString()
    }
}
