#include "core/config.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include <toml++/toml.h>

namespace precinct {
namespace {

Json ToJson(const toml::node& node) {
    if (const auto* table = node.as_table()) {
        Json out = Json::object();
        for (const auto& [key, value] : *table) out[std::string(key.str())] = ToJson(value);
        return out;
    }
    if (const auto* array = node.as_array()) {
        Json out = Json::array();
        for (const auto& value : *array) out.push_back(ToJson(value));
        return out;
    }
    if (const auto* v = node.as_string()) return Json(v->get());
    if (const auto* v = node.as_integer()) return Json(v->get());
    if (const auto* v = node.as_floating_point()) return Json(v->get());
    if (const auto* v = node.as_boolean()) return Json(v->get());
    std::ostringstream text;
    if (const auto* date = node.as_date()) {
        text << *date;
    } else if (const auto* time = node.as_time()) {
        text << *time;
    } else if (const auto* date_time = node.as_date_time()) {
        text << *date_time;
    }
    return Json(text.str());
}

}  // namespace

Result<Json> ParseToml(std::string_view text, std::string_view source_name) {
    if (text.size() > kMaxConfigBytes) {
        return Fail(ErrorCode::kTooLarge, fmt::format("{}: larger than {} bytes", source_name, kMaxConfigBytes));
    }
    try {
        const toml::table table = toml::parse(text, source_name);
        return ToJson(table);
    } catch (const toml::parse_error& e) {
        const auto& where = e.source().begin;
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("{}:{}:{}: {}", source_name, where.line, where.column, e.description()));
    }
}

Result<Json> LoadTomlFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Fail(ErrorCode::kNotFound, fmt::format("cannot open config file {}", path.string()));
    std::string text;
    char buf[8192];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        text.append(buf, static_cast<std::size_t>(in.gcount()));
        if (text.size() > kMaxConfigBytes) {
            return Fail(ErrorCode::kTooLarge, fmt::format("{}: larger than {} bytes", path.string(), kMaxConfigBytes));
        }
    }
    return ParseToml(text, path.string());
}

}  // namespace precinct
