#pragma once
// Time behind an interface so tests can move it by hand.
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace precinct {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
public:
    virtual ~Clock() = default;
    virtual TimePoint Now() const = 0;
};

std::unique_ptr<Clock> CreateSystemClock();

// A clock that only moves when told to. Thread-safe.
class FakeClock final : public Clock {
public:
    explicit FakeClock(TimePoint start) : now_(start) {}
    TimePoint Now() const override {
        std::lock_guard lock(mutex_);
        return now_;
    }
    void Advance(std::chrono::milliseconds by) {
        std::lock_guard lock(mutex_);
        now_ += by;
    }

private:
    mutable std::mutex mutex_;
    TimePoint now_;
};

// RFC 3339 in UTC with milliseconds: 2026-11-22T10:15:30.123Z
std::string FormatTime(TimePoint t);
// Accepts RFC 3339 with 'Z' or a numeric offset, with or without fractional seconds.
std::optional<TimePoint> ParseTime(std::string_view text);
std::int64_t ToUnixMillis(TimePoint t);
TimePoint FromUnixMillis(std::int64_t ms);

}  // namespace precinct
