#pragma once
// Strict reading of one JSON object: a settings section made from the TOML config, or a request body. Every key
// read is marked known; Finish() rejects the first unknown key. Errors name the full key, e.g.
// "server.threads", in Error::field. Absent keys keep the value the caller put in `out` unless Require()d.
#include <chrono>
#include <optional>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "core/result.hpp"
#include "core/roles.hpp"

namespace precinct {

class SettingsReader {
public:
    // `section` may be null (absent section: every setting keeps its default) and must outlive the reader.
    // `path` prefixes key names.
    SettingsReader(const Json& section, std::string path);

    SettingsReader& Int(std::string_view key, std::int64_t& out, std::int64_t min, std::int64_t max);
    SettingsReader& Int(std::string_view key, int& out, int min, int max);
    SettingsReader& Size(std::string_view key, std::size_t& out, std::size_t min, std::size_t max);
    SettingsReader& Bool(std::string_view key, bool& out);
    // A finite number (integers accepted) within [min, max].
    SettingsReader& Double(std::string_view key, double& out, double min, double max);
    SettingsReader& String(std::string_view key, std::string& out, std::size_t max_len = 4096);
    // A list of role names (call_taker, dispatcher, ...); an unknown name is refused.
    SettingsReader& Roles(std::string_view key, std::vector<Role>& out);
    SettingsReader& OneOf(std::string_view key, std::string& out, const std::vector<std::string>& allowed);
    SettingsReader& Seconds(std::string_view key, std::chrono::seconds& out, std::int64_t min, std::int64_t max);
    SettingsReader& Millis(std::string_view key, std::chrono::milliseconds& out, std::int64_t min,
                           std::int64_t max);
    // Fails if `key` is absent (or null). Call before reading it.
    SettingsReader& Require(std::string_view key);
    // Marks a key as known without reading it (a sub-table handled elsewhere).
    SettingsReader& Known(std::string_view key);
    // The first error met, else an error for the first unknown key, else success.
    Status Finish() const;

    std::string KeyPath(std::string_view key) const;

private:
    const Json* Lookup(std::string_view key);
    void SetError(std::string_view key, std::string message);

    const Json& section_;
    std::string path_;
    std::set<std::string, std::less<>> known_;
    std::optional<Error> error_;
};

}  // namespace precinct
