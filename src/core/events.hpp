#pragma once
// The event bus: modules publish domain events by topic; the server relays them to live consoles.
// The in-memory bus serves one process; a NATS JetStream bus can replace it for several replicas.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/json.hpp"

namespace precinct {

struct Event {
    std::int64_t id = 0;     // increasing per bus instance
    std::string topic;       // e.g. "audit", "dispatch.incident"
    TimePoint at;
    Json data;
};

// Unsubscribes when destroyed. After the destructor returns the callback is never called again.
class Subscription {
public:
    virtual ~Subscription() = default;
};

class Bus {
public:
    using Callback = std::function<void(const Event&)>;
    virtual ~Bus() = default;
    // Delivers to every subscriber of `topic` before returning. Thread-safe.
    virtual void Publish(std::string topic, Json data) = 0;
    // `topics` empty means every topic. The callback runs on the publisher's thread and must be quick and
    // must not subscribe or unsubscribe. Thread-safe.
    virtual std::unique_ptr<Subscription> Subscribe(std::vector<std::string> topics, Callback callback) = 0;
    virtual std::size_t SubscriberCount() const = 0;
};

std::unique_ptr<Bus> CreateInMemoryBus(const Clock& clock);

}  // namespace precinct
