#pragma once
// Prometheus metrics: per-route request counts by status class, latency histograms, error counts, and gauges
// registered by the server and by modules. Counting is lock-free on the request path.
#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace precinct::server {

inline constexpr std::array<double, 12> kLatencyBuckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                        0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

class RouteMetrics {
public:
    RouteMetrics(std::string method, std::string route) : method_(std::move(method)), route_(std::move(route)) {}
    void Observe(int status, double seconds);
    const std::string& method() const { return method_; }
    const std::string& route() const { return route_; }

private:
    friend class Metrics;
    std::string method_;
    std::string route_;
    std::array<std::atomic<std::uint64_t>, 5> by_class_{};    // 1xx..5xx
    std::array<std::atomic<std::uint64_t>, kLatencyBuckets.size()> buckets_{};
    std::atomic<std::uint64_t> count_{0};
    std::atomic<std::uint64_t> sum_micros_{0};
};

class Metrics {
public:
    // Thread-safe. The returned pointer lives as long as the registry.
    RouteMetrics* ForRoute(std::string method, std::string route);
    // A gauge read at scrape time. `labels` is Prometheus label text without braces, e.g. module="dispatch".
    void AddGauge(std::string name, std::string help, std::string labels, std::function<double()> read);
    // A monotonically increasing counter owned by the caller.
    std::atomic<std::uint64_t>& Counter(std::string name, std::string help, std::string labels = {});
    std::string Render() const;

private:
    struct Gauge {
        std::string name, help, labels;
        std::function<double()> read;
    };
    struct OwnedCounter {
        std::string name, help, labels;
        std::atomic<std::uint64_t> value{0};
    };
    mutable std::mutex mutex_;
    std::vector<std::unique_ptr<RouteMetrics>> routes_;
    std::vector<Gauge> gauges_;
    std::vector<std::unique_ptr<OwnedCounter>> counters_;
};

}  // namespace precinct::server
