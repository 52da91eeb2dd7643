#include "core/settings.hpp"

#include <fmt/format.h>

namespace precinct {

SettingsReader::SettingsReader(const Json& section, std::string path) : section_(section), path_(std::move(path)) {
    if (!section_.is_null() && !section_.is_object()) {
        error_ = Error{ErrorCode::kInvalidArgument, fmt::format("{}: must be a table", path_), path_, 0};
    }
}

std::string SettingsReader::KeyPath(std::string_view key) const {
    return path_.empty() ? std::string(key) : fmt::format("{}.{}", path_, key);
}

const Json* SettingsReader::Lookup(std::string_view key) {
    known_.emplace(key);
    if (error_ || !section_.is_object()) return nullptr;
    auto it = section_.find(key);
    if (it == section_.end()) return nullptr;
    return &*it;
}

void SettingsReader::SetError(std::string_view key, std::string message) {
    if (error_) return;
    const auto name = KeyPath(key);
    error_ = Error{ErrorCode::kInvalidArgument, fmt::format("{}: {}", name, message), name, 0};
}

SettingsReader& SettingsReader::Int(std::string_view key, std::int64_t& out, std::int64_t min, std::int64_t max) {
    const Json* v = Lookup(key);
    if (!v) return *this;
    if (!v->is_number_integer()) {
        SetError(key, "must be an integer");
    } else if (const auto n = v->get<std::int64_t>(); n < min || n > max) {
        SetError(key, fmt::format("must be between {} and {}, got {}", min, max, n));
    } else {
        out = n;
    }
    return *this;
}

SettingsReader& SettingsReader::Int(std::string_view key, int& out, int min, int max) {
    std::int64_t wide = out;
    Int(key, wide, min, max);
    out = static_cast<int>(wide);
    return *this;
}

SettingsReader& SettingsReader::Size(std::string_view key, std::size_t& out, std::size_t min, std::size_t max) {
    std::int64_t wide = static_cast<std::int64_t>(out);
    Int(key, wide, static_cast<std::int64_t>(min), static_cast<std::int64_t>(max));
    out = static_cast<std::size_t>(wide);
    return *this;
}

SettingsReader& SettingsReader::Bool(std::string_view key, bool& out) {
    const Json* v = Lookup(key);
    if (!v) return *this;
    if (!v->is_boolean()) {
        SetError(key, "must be true or false");
    } else {
        out = v->get<bool>();
    }
    return *this;
}

SettingsReader& SettingsReader::Double(std::string_view key, double& out, double min, double max) {
    const Json* v = Lookup(key);
    if (!v) return *this;
    if (!v->is_number()) {
        SetError(key, "must be a number");
    } else if (const auto d = v->get<double>(); !(d >= min && d <= max)) {
        SetError(key, fmt::format("must be between {} and {}, got {}", min, max, d));
    } else {
        out = d;
    }
    return *this;
}

SettingsReader& SettingsReader::String(std::string_view key, std::string& out, std::size_t max_len) {
    const Json* v = Lookup(key);
    if (!v) return *this;
    if (!v->is_string()) {
        SetError(key, "must be a string");
    } else if (v->get_ref<const std::string&>().size() > max_len) {
        SetError(key, fmt::format("must be at most {} characters", max_len));
    } else {
        out = v->get<std::string>();
    }
    return *this;
}

SettingsReader& SettingsReader::Roles(std::string_view key, std::vector<Role>& out) {
    const Json* v = Lookup(key);
    if (!v) return *this;
    if (!v->is_array()) {
        SetError(key, "must be a list of role names");
        return *this;
    }
    std::vector<Role> roles;
    for (const auto& name : *v) {
        auto role = name.is_string() ? ParseRole(name.get<std::string>()) : std::nullopt;
        if (!role) {
            SetError(key, "unknown role " + name.dump());
            return *this;
        }
        roles.push_back(*role);
    }
    out = std::move(roles);
    return *this;
}

SettingsReader& SettingsReader::OneOf(std::string_view key, std::string& out,
                                      const std::vector<std::string>& allowed) {
    const Json* v = Lookup(key);
    if (!v) return *this;
    if (!v->is_string()) {
        SetError(key, fmt::format("must be one of: {}", fmt::join(allowed, ", ")));
        return *this;
    }
    const auto& s = v->get_ref<const std::string&>();
    for (const auto& a : allowed) {
        if (a == s) {
            out = s;
            return *this;
        }
    }
    SetError(key, fmt::format("must be one of: {}", fmt::join(allowed, ", ")));
    return *this;
}

SettingsReader& SettingsReader::Seconds(std::string_view key, std::chrono::seconds& out, std::int64_t min,
                                        std::int64_t max) {
    std::int64_t n = out.count();
    Int(key, n, min, max);
    out = std::chrono::seconds(n);
    return *this;
}

SettingsReader& SettingsReader::Millis(std::string_view key, std::chrono::milliseconds& out, std::int64_t min,
                                       std::int64_t max) {
    std::int64_t n = out.count();
    Int(key, n, min, max);
    out = std::chrono::milliseconds(n);
    return *this;
}

SettingsReader& SettingsReader::Require(std::string_view key) {
    if (error_) return *this;
    if (!section_.is_object()) {
        SetError(key, "is required");
        return *this;
    }
    auto it = section_.find(key);
    if (it == section_.end() || it->is_null()) SetError(key, "is required");
    return *this;
}

SettingsReader& SettingsReader::Known(std::string_view key) {
    known_.emplace(key);
    return *this;
}

Status SettingsReader::Finish() const {
    if (error_) return Fail(*error_);
    if (section_.is_object()) {
        for (const auto& [key, value] : section_.items()) {
            if (!known_.contains(key)) {
                const auto name = KeyPath(key);
                return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: unknown setting", name), name);
            }
        }
    }
    return Ok();
}

}  // namespace precinct
