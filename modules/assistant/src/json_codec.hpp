#pragma once
// JSON of the assistant's answers (the shape documented in modules/assistant/README.md).
#include <cstdint>
#include <string>

#include "core/json.hpp"
#include "dialog.hpp"

namespace precinct::assistant {

Json TurnJson(const Turn& turn, const std::string& conversation_id, std::int64_t seq, const ConversationState& state);

}  // namespace precinct::assistant
