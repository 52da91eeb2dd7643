#include "core/events.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <shared_mutex>

namespace precinct {
namespace {

class InMemoryBus final : public Bus {
public:
    explicit InMemoryBus(const Clock& clock) : clock_(clock) {}

    void Publish(std::string topic, Json data) override {
        Event event{next_id_.fetch_add(1) + 1, std::move(topic), clock_.Now(), std::move(data)};
        std::shared_lock lock(mutex_);
        for (const auto& [id, sub] : subscribers_) {
            if (sub.topics.empty() ||
                std::find(sub.topics.begin(), sub.topics.end(), event.topic) != sub.topics.end()) {
                sub.callback(event);
            }
        }
    }

    std::unique_ptr<Subscription> Subscribe(std::vector<std::string> topics, Callback callback) override {
        std::unique_lock lock(mutex_);
        const auto id = ++next_subscriber_;
        subscribers_.emplace(id, Subscriber{std::move(topics), std::move(callback)});
        return std::make_unique<Handle>(*this, id);
    }

    std::size_t SubscriberCount() const override {
        std::shared_lock lock(mutex_);
        return subscribers_.size();
    }

private:
    struct Subscriber {
        std::vector<std::string> topics;
        Callback callback;
    };
    class Handle final : public Subscription {
    public:
        Handle(InMemoryBus& bus, std::uint64_t id) : bus_(bus), id_(id) {}
        ~Handle() override {
            std::unique_lock lock(bus_.mutex_);
            bus_.subscribers_.erase(id_);
        }

    private:
        InMemoryBus& bus_;
        std::uint64_t id_;
    };

    const Clock& clock_;
    mutable std::shared_mutex mutex_;
    std::map<std::uint64_t, Subscriber> subscribers_;
    std::uint64_t next_subscriber_ = 0;
    std::atomic<std::int64_t> next_id_{0};
};

}  // namespace

std::unique_ptr<Bus> CreateInMemoryBus(const Clock& clock) { return std::make_unique<InMemoryBus>(clock); }

}  // namespace precinct
