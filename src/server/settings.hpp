#pragma once
#include <chrono>
#include <cstddef>
#include <string>

#include "core/json.hpp"
#include "core/result.hpp"

namespace precinct::server {

struct Settings {
    std::string listen = "127.0.0.1:8080";        // host:port; [::1]:8080 for IPv6
    int threads = 0;                               // 0: one per core
    std::size_t header_limit_bytes = 16 * 1024;    // request line and headers; over it: 431
    std::size_t body_limit_bytes = 1024 * 1024;    // default for routes that set none; over it: 413
    std::chrono::seconds idle_timeout{30};         // keep-alive wait and header read, together
    std::chrono::seconds read_timeout{30};         // body read
    std::chrono::seconds write_timeout{30};
    std::chrono::seconds shutdown_grace{15};       // in-flight requests may finish within this after SIGTERM
    std::chrono::seconds sse_heartbeat{15};
    int max_connections = 10000;
    std::size_t sse_queue_limit = 1000;            // events queued for a slow client before it is dropped
    std::string web_root;                          // built console; empty: the one built beside the sources
};

Result<Settings> ParseSettings(const Json& section);
// Splits "host:port" (or "[v6]:port").
Result<std::pair<std::string, unsigned short>> ParseListen(std::string_view listen);

}  // namespace precinct::server
