#include "server/topics.hpp"

#include <fmt/format.h>

namespace precinct::server {

void TopicRegistry::Declare(std::string topic, Access who) {
    std::lock_guard lock(mutex_);
    topics_[std::move(topic)] = std::move(who);
}

Status TopicRegistry::Check(const std::vector<std::string>& topics, Role role) const {
    std::lock_guard lock(mutex_);
    for (const auto& t : topics) {
        auto it = topics_.find(t);
        if (it == topics_.end()) {
            return Fail(ErrorCode::kInvalidArgument, fmt::format("topics: unknown topic '{}'", t), "topics");
        }
        if (!it->second.Allows(role)) {
            return Fail(ErrorCode::kForbidden,
                        fmt::format("role {} may not hear topic '{}'", RoleName(role), t), "topics");
        }
    }
    return Ok();
}

std::vector<std::string> TopicRegistry::TopicsFor(Role role) const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto& [name, who] : topics_) {
        if (who.Allows(role)) out.push_back(name);
    }
    return out;
}

}  // namespace precinct::server
