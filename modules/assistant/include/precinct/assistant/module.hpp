#pragma once
// The citizens' virtual assistant: answers about police procedures from the knowledge base with the law cited,
// asks back or hands over to an officer when unsure, takes reports and routes emergencies to 113/114.
#include <memory>
#include <string>

#include "core/json.hpp"
#include "core/result.hpp"
#include "server/module.hpp"

namespace precinct::assistant {

struct Settings {
    bool enabled = true;
    // Data; empty means the source tree's data/kb/, data/text/words.txt and data/assistant/calibration.toml.
    std::string kb_dir, words_file, calibration_file;
    double answer_threshold = 0.5;    // calibrated confidence needed to answer
    double handoff_threshold = 0.15;  // below it the question goes straight to an officer
    double messages_per_minute = 20;  // per client address, burst 20
    int max_message_chars = 1000;
    int max_messages_per_conversation = 200;
    int retention_days = 90;          // conversations are deleted this long after their last message
};

// Reads [modules.assistant]; unknown keys and bad values are refused, naming the key.
Result<Settings> ParseSettings(const Json& section);
Result<std::unique_ptr<Module>> MakeModule(const Settings& settings, ModuleContext& ctx);

}  // namespace precinct::assistant
