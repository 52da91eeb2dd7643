#pragma once
// Per-client rate limits: a token bucket per key (a client address, a tracking code, ...), refilled at a steady
// rate. Memory is bounded: past `max_keys` the bucket idle longest is forgotten (it would be full again anyway
// unless it was used within its refill time). Thread-safe.
#include <chrono>
#include <cstddef>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.hpp"

namespace precinct::server {

struct RateLimit {
    double burst = 10;      // tokens a new client starts with, and the most it can save up
    double per_second = 1;  // refill rate
    std::size_t max_keys = 100'000;
};

class RateLimiter {
public:
    RateLimiter(RateLimit limit, const Clock& clock) : limit_(limit), clock_(clock) {}

    // Takes `cost` tokens for `key`. Returns 0 when allowed, else the whole seconds to wait (at least 1).
    int Take(const std::string& key, double cost = 1);
    std::size_t size() const;

private:
    struct Bucket {
        double tokens = 0;
        TimePoint at;
        std::list<std::string>::iterator lru;
    };
    RateLimit limit_;
    const Clock& clock_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, Bucket> buckets_;
    std::list<std::string> lru_;  // most recently used first
};

}  // namespace precinct::server
