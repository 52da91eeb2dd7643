#pragma once
// Decoding of JSON request bodies: media type, size (already bounded by the route), nesting depth, syntax.
#include "core/json.hpp"
#include "core/result.hpp"
#include "server/http.hpp"

namespace precinct::server {

inline constexpr int kMaxJsonDepth = 64;

// The body as a JSON object. Errors are kInvalidArgument naming "body" (or "content-type").
Result<Json> ParseJsonObject(std::string_view body);
Result<Json> DecodeJsonBody(const Request& req);

}  // namespace precinct::server
