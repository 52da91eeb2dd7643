#include "server/json_body.hpp"

#include <fmt/format.h>

namespace precinct::server {
namespace {

// The deepest nesting of arrays and objects, strings skipped; stops counting past the limit.
int NestingDepth(std::string_view text) {
    int depth = 0, deepest = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
            if (deepest > kMaxJsonDepth) return deepest;
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return deepest;
}

}  // namespace

Result<Json> ParseJsonObject(std::string_view body) {
    if (body.empty()) return Fail(ErrorCode::kInvalidArgument, "body: a JSON object is required", "body");
    if (NestingDepth(body) > kMaxJsonDepth) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("body: nested deeper than {} levels", kMaxJsonDepth),
                    "body");
    }
    Json json;
    try {
        json = Json::parse(body);
    } catch (const Json::exception& e) {   // parse_error, and out_of_range for numbers like 1e999
        std::string what = e.what();
        if (const auto pos = what.find("] "); pos != std::string::npos) what = what.substr(pos + 2);
        return Fail(ErrorCode::kInvalidArgument, fmt::format("body is not valid JSON: {}", what), "body");
    }
    if (!json.is_object()) return Fail(ErrorCode::kInvalidArgument, "body: must be a JSON object", "body");
    return json;
}

Result<Json> DecodeJsonBody(const Request& req) {
    const auto type = req.Header("content-type");
    const auto media = type.substr(0, type.find(';'));
    if (media != "application/json" && !(media.size() > 5 && media.ends_with("+json"))) {
        return Fail(ErrorCode::kInvalidArgument, "content-type: must be application/json", "content-type");
    }
    return ParseJsonObject(req.body);
}

}  // namespace precinct::server
