#pragma once
// TOML configuration files, read into JSON so that every section is checked by the same SettingsReader.
#include <filesystem>
#include <string_view>

#include "core/json.hpp"
#include "core/result.hpp"

namespace precinct {

// Parses TOML text. Syntax errors name the source, line and column. Dates and times become RFC 3339 strings.
// Input larger than kMaxConfigBytes is refused.
Result<Json> ParseToml(std::string_view text, std::string_view source_name = "config");
Result<Json> LoadTomlFile(const std::filesystem::path& path);

inline constexpr std::size_t kMaxConfigBytes = 1 << 20;

}  // namespace precinct
