#pragma once
// Whole-file reads and crash-safe writes for the module's outputs: a write goes to `<path>.part` and is renamed over
// `path`, so a reader never sees half a file and a crash leaves the old one or none.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace precinct::digitize {

// kNotFound if missing, kTooLarge over `max_bytes`, kUnavailable if it cannot be read.
Result<std::string> ReadWholeFile(const std::filesystem::path& path,
                                  std::size_t max_bytes = static_cast<std::size_t>(-1));
Status WriteFileAtomically(const std::filesystem::path& path, std::string_view data);

}  // namespace precinct::digitize
