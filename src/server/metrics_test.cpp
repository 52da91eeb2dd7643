#include "server/metrics.hpp"

#include <gtest/gtest.h>

namespace precinct::server {
namespace {

TEST(Metrics, RendersCountersHistogramsAndGauges) {
    Metrics m;
    auto* r = m.ForRoute("GET", "/healthz");
    EXPECT_EQ(r, m.ForRoute("GET", "/healthz"));
    r->Observe(200, 0.0004);
    r->Observe(200, 0.02);
    r->Observe(503, 3.0);
    m.AddGauge("precinct_test_gauge", "A gauge.", "module=\"test\"", [] { return 7.0; });
    ++m.Counter("precinct_test_total", "A counter.");
    const auto text = m.Render();
    EXPECT_NE(text.find("precinct_http_requests_total{method=\"GET\",route=\"/healthz\",code=\"2xx\"} 2"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("precinct_http_requests_total{method=\"GET\",route=\"/healthz\",code=\"5xx\"} 1"),
              std::string::npos);
    EXPECT_NE(text.find("precinct_http_errors_total{method=\"GET\",route=\"/healthz\"} 1"), std::string::npos);
    EXPECT_NE(text.find("le=\"0.0005\"} 1"), std::string::npos);
    EXPECT_NE(text.find("le=\"0.025\"} 2"), std::string::npos);
    EXPECT_NE(text.find("le=\"+Inf\"} 3"), std::string::npos);
    EXPECT_NE(text.find("precinct_http_request_duration_seconds_count{method=\"GET\",route=\"/healthz\"} 3"),
              std::string::npos);
    EXPECT_NE(text.find("precinct_test_gauge{module=\"test\"} 7"), std::string::npos);
    EXPECT_NE(text.find("precinct_test_total 1"), std::string::npos);
}

}  // namespace
}  // namespace precinct::server

namespace precinct::server {
namespace {

TEST(Metrics, GroupsSeriesOfOneNameUnderOneHeader) {
    Metrics m;
    m.AddGauge("precinct_b", "B.", "module=\"x\"", [] { return 1.0; });
    m.AddGauge("precinct_a", "A.", "", [] { return 2.0; });
    m.AddGauge("precinct_b", "B.", "module=\"y\"", [] { return 3.0; });
    const auto text = m.Render();
    const auto first = text.find("# HELP precinct_b");
    ASSERT_NE(first, std::string::npos);
    EXPECT_EQ(text.find("# HELP precinct_b", first + 1), std::string::npos) << text;
    EXPECT_LT(text.find("precinct_b{module=\"x\"} 1"), text.find("precinct_b{module=\"y\"} 3"));
}

}  // namespace
}  // namespace precinct::server
