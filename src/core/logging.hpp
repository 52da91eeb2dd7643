#pragma once
// Process-wide logging: a human-readable application log on stderr and a JSON-lines access log.
#include <filesystem>
#include <memory>
#include <string>

#include <spdlog/logger.h>

#include "core/result.hpp"

namespace precinct {

struct LogSettings {
    std::string level = "info";     // trace, debug, info, warn, error, off
    std::string access = "file";    // file (DATA_DIR/logs/access.jsonl), stdout, off
};

// Sets up the default logger and the access logger. Call once at start-up, before threads start.
Status InitLogging(const LogSettings& settings, const std::filesystem::path& data_dir);
// The access logger (JSON lines, already formatted by the caller); null when access logging is off.
std::shared_ptr<spdlog::logger> AccessLogger();
// Escapes `text` for inclusion inside a JSON string literal.
void AppendJsonEscaped(std::string& out, std::string_view text);

}  // namespace precinct
