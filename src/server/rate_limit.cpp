#include "server/rate_limit.hpp"

#include <algorithm>
#include <cmath>

namespace precinct::server {

int RateLimiter::Take(const std::string& key, double cost) {
    const auto now = clock_.Now();
    std::lock_guard lock(mutex_);
    auto it = buckets_.find(key);
    if (it == buckets_.end()) {
        if (buckets_.size() >= limit_.max_keys && !lru_.empty()) {
            buckets_.erase(lru_.back());
            lru_.pop_back();
        }
        lru_.push_front(key);
        it = buckets_.emplace(key, Bucket{limit_.burst, now, lru_.begin()}).first;
    } else {
        lru_.splice(lru_.begin(), lru_, it->second.lru);
        const double elapsed = std::max(0.0, std::chrono::duration<double>(now - it->second.at).count());
        it->second.tokens = std::min(limit_.burst, it->second.tokens + elapsed * limit_.per_second);
        it->second.at = now;
    }
    Bucket& b = it->second;
    if (b.tokens >= cost) {
        b.tokens -= cost;
        return 0;
    }
    const double wait = limit_.per_second > 0 ? (cost - b.tokens) / limit_.per_second : 3600;
    return std::max(1, static_cast<int>(std::ceil(wait)));
}

std::size_t RateLimiter::size() const {
    std::lock_guard lock(mutex_);
    return buckets_.size();
}

}  // namespace precinct::server
