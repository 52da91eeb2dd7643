#pragma once
// Which roles may hear which live-event topics. Modules declare their topics at start-up.
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/roles.hpp"
#include "server/router.hpp"

namespace precinct::server {

class TopicRegistry {
public:
    // Thread-safe.
    void Declare(std::string topic, Access who);
    // kInvalidArgument naming the unknown topic, or kForbidden naming the one the role may not hear.
    Status Check(const std::vector<std::string>& topics, Role role) const;
    std::vector<std::string> TopicsFor(Role role) const;

private:
    mutable std::mutex mutex_;
    std::map<std::string, Access> topics_;
};

}  // namespace precinct::server
