#include "server/metrics.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace precinct::server {

void RouteMetrics::Observe(int status, double seconds) {
    const int cls = std::clamp(status / 100, 1, 5) - 1;
    by_class_[static_cast<std::size_t>(cls)].fetch_add(1, std::memory_order_relaxed);
    for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
        if (seconds <= kLatencyBuckets[i]) {
            buckets_[i].fetch_add(1, std::memory_order_relaxed);
            break;
        }
    }
    count_.fetch_add(1, std::memory_order_relaxed);
    sum_micros_.fetch_add(static_cast<std::uint64_t>(seconds * 1e6), std::memory_order_relaxed);
}

RouteMetrics* Metrics::ForRoute(std::string method, std::string route) {
    std::lock_guard lock(mutex_);
    for (const auto& r : routes_) {
        if (r->method() == method && r->route() == route) return r.get();
    }
    routes_.push_back(std::make_unique<RouteMetrics>(std::move(method), std::move(route)));
    return routes_.back().get();
}

void Metrics::AddGauge(std::string name, std::string help, std::string labels, std::function<double()> read) {
    std::lock_guard lock(mutex_);
    gauges_.push_back(Gauge{std::move(name), std::move(help), std::move(labels), std::move(read)});
}

std::atomic<std::uint64_t>& Metrics::Counter(std::string name, std::string help, std::string labels) {
    std::lock_guard lock(mutex_);
    for (const auto& c : counters_) {
        if (c->name == name && c->labels == labels) return c->value;
    }
    auto c = std::make_unique<OwnedCounter>();
    c->name = std::move(name);
    c->help = std::move(help);
    c->labels = std::move(labels);
    counters_.push_back(std::move(c));
    return counters_.back()->value;
}

std::string Metrics::Render() const {
    std::lock_guard lock(mutex_);
    std::string out;
    out += "# HELP precinct_http_requests_total HTTP requests answered, by route and status class.\n"
           "# TYPE precinct_http_requests_total counter\n";
    static constexpr const char* kClasses[] = {"1xx", "2xx", "3xx", "4xx", "5xx"};
    for (const auto& r : routes_) {
        for (std::size_t c = 0; c < 5; ++c) {
            const auto n = r->by_class_[c].load(std::memory_order_relaxed);
            if (n == 0) continue;
            out += fmt::format("precinct_http_requests_total{{method=\"{}\",route=\"{}\",code=\"{}\"}} {}\n",
                               r->method(), r->route(), kClasses[c], n);
        }
    }
    out += "# HELP precinct_http_errors_total HTTP requests answered with a 5xx status.\n"
           "# TYPE precinct_http_errors_total counter\n";
    for (const auto& r : routes_) {
        const auto n = r->by_class_[4].load(std::memory_order_relaxed);
        if (n) out += fmt::format("precinct_http_errors_total{{method=\"{}\",route=\"{}\"}} {}\n", r->method(), r->route(), n);
    }
    out += "# HELP precinct_http_request_duration_seconds Time from request header to response, by route.\n"
           "# TYPE precinct_http_request_duration_seconds histogram\n";
    for (const auto& r : routes_) {
        const auto count = r->count_.load(std::memory_order_relaxed);
        if (count == 0) continue;
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i < kLatencyBuckets.size(); ++i) {
            cumulative += r->buckets_[i].load(std::memory_order_relaxed);
            out += fmt::format(
                "precinct_http_request_duration_seconds_bucket{{method=\"{}\",route=\"{}\",le=\"{}\"}} {}\n",
                r->method(), r->route(), kLatencyBuckets[i], cumulative);
        }
        out += fmt::format(
            "precinct_http_request_duration_seconds_bucket{{method=\"{}\",route=\"{}\",le=\"+Inf\"}} {}\n"
            "precinct_http_request_duration_seconds_sum{{method=\"{}\",route=\"{}\"}} {}\n"
            "precinct_http_request_duration_seconds_count{{method=\"{}\",route=\"{}\"}} {}\n",
            r->method(), r->route(), count, r->method(), r->route(),
            static_cast<double>(r->sum_micros_.load(std::memory_order_relaxed)) / 1e6, r->method(), r->route(),
            count);
    }
    // Series of one name must stand together under one HELP/TYPE header.
    std::vector<const OwnedCounter*> counters;
    for (const auto& c : counters_) counters.push_back(c.get());
    std::stable_sort(counters.begin(), counters.end(), [](auto* a, auto* b) { return a->name < b->name; });
    std::vector<const Gauge*> gauges;
    for (const auto& g : gauges_) gauges.push_back(&g);
    std::stable_sort(gauges.begin(), gauges.end(), [](auto* a, auto* b) { return a->name < b->name; });
    std::string last;
    for (const auto* c : counters) {
        if (c->name != last) {
            out += fmt::format("# HELP {} {}\n# TYPE {} counter\n", c->name, c->help, c->name);
            last = c->name;
        }
        out += c->labels.empty() ? fmt::format("{} {}\n", c->name, c->value.load())
                                 : fmt::format("{}{{{}}} {}\n", c->name, c->labels, c->value.load());
    }
    last.clear();
    for (const auto* g : gauges) {
        if (g->name != last) {
            out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n", g->name, g->help, g->name);
            last = g->name;
        }
        out += g->labels.empty() ? fmt::format("{} {}\n", g->name, g->read())
                                 : fmt::format("{}{{{}}} {}\n", g->name, g->labels, g->read());
    }
    return out;
}

}  // namespace precinct::server
