#pragma once
// A module's background work: one thread calling `tick` every `period` until Stop() (or destruction). Stop wakes
// the thread at once and waits for the tick in progress to end.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace precinct::server {

class PeriodicWorker {
public:
    PeriodicWorker() = default;
    PeriodicWorker(const PeriodicWorker&) = delete;
    PeriodicWorker& operator=(const PeriodicWorker&) = delete;
    ~PeriodicWorker() { Stop(); }

    void Start(std::chrono::milliseconds period, std::function<void()> tick) {
        stopping_ = false;
        thread_ = std::thread([this, period, tick = std::move(tick)] {
            std::unique_lock lock(mutex_);
            while (!wake_.wait_for(lock, period, [this] { return stopping_; })) {
                lock.unlock();
                tick();
                lock.lock();
            }
        });
    }

    void Stop() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_all();
        if (thread_.joinable()) thread_.join();
    }

private:
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
};

}  // namespace precinct::server
