#include "core/events.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace precinct {
namespace {

TEST(Events, DeliversOnlySubscribedTopics) {
    FakeClock clock(FromUnixMillis(0));
    auto bus = CreateInMemoryBus(clock);
    std::vector<std::string> seen;
    auto sub = bus->Subscribe({"audit"}, [&](const Event& e) { seen.push_back(e.topic + ":" + e.data.dump()); });
    bus->Publish("system", Json{{"x", 1}});
    bus->Publish("audit", Json{{"seq", 7}});
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0], "audit:{\"seq\":7}");
}

TEST(Events, EmptyTopicListHearsEverythingWithIncreasingIds) {
    FakeClock clock(FromUnixMillis(0));
    auto bus = CreateInMemoryBus(clock);
    std::vector<std::int64_t> ids;
    auto sub = bus->Subscribe({}, [&](const Event& e) { ids.push_back(e.id); });
    bus->Publish("a", Json::object());
    bus->Publish("b", Json::object());
    ASSERT_EQ(ids.size(), 2u);
    EXPECT_LT(ids[0], ids[1]);
}

TEST(Events, DestroyingSubscriptionStopsDelivery) {
    FakeClock clock(FromUnixMillis(0));
    auto bus = CreateInMemoryBus(clock);
    int calls = 0;
    auto sub = bus->Subscribe({"t"}, [&](const Event&) { ++calls; });
    EXPECT_EQ(bus->SubscriberCount(), 1u);
    bus->Publish("t", Json::object());
    sub.reset();
    EXPECT_EQ(bus->SubscriberCount(), 0u);
    bus->Publish("t", Json::object());
    EXPECT_EQ(calls, 1);
}

TEST(Events, ConcurrentPublishersAllDelivered) {
    FakeClock clock(FromUnixMillis(0));
    auto bus = CreateInMemoryBus(clock);
    std::atomic<int> calls{0};
    auto sub = bus->Subscribe({"t"}, [&](const Event&) { calls.fetch_add(1); });
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&] {
            for (int j = 0; j < 1000; ++j) bus->Publish("t", Json::object());
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(calls.load(), 4000);
}

}  // namespace
}  // namespace precinct
