#pragma once
// Plain request and response types seen by routes. They hide Boost.Beast so that modules compile fast and stay
// independent of the transport.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/json.hpp"
#include "core/result.hpp"
#include "core/roles.hpp"

namespace precinct::server {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };
std::string_view MethodName(Method m);
Method ParseMethod(std::string_view name);

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
    Method method = Method::kGet;
    std::string path;                 // without the query, not percent-decoded
    std::string query;                // after '?', raw
    Headers headers;                  // names in lower case
    std::string body;
    std::string request_id;
    std::string remote_ip;
    std::string route;                // the matched pattern, e.g. "/api/v1/users/{id}"
    std::vector<std::pair<std::string, std::string>> params;   // path parameters, percent-decoded
    std::optional<Principal> principal;                        // set on signed-in requests
    std::string purpose;              // the stated purpose on routes that read personal data

    std::string_view Header(std::string_view lower_name) const;
    std::optional<std::string> QueryParam(std::string_view name) const;
    std::string_view Param(std::string_view name) const;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    Headers headers;
    // Set by the events route: the connection becomes a Server-Sent Events stream of these topics.
    std::optional<std::vector<std::string>> sse_topics;

    static Response MakeJson(int status, const Json& body);
    static Response NoContent();
    static Response Text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
};

// RFC 9457 problem JSON for `error`. Internal errors show only the request id; their message is logged.
Response Problem(const Error& error, const Request& req);
// 429 for a client over its rate limit, with Retry-After `wait_s`.
Response TooManyRequests(int wait_s, const Request& req);
Response Problem(int status, std::string_view type, std::string_view title, std::string detail,
                 const Request& req);
int HttpStatusFor(ErrorCode code);

// An integer query parameter within [min, max], or `fallback` when absent; kInvalidArgument naming it otherwise.
Result<int> IntParam(const Request& req, const char* name, int fallback, int min, int max);

// A positive integer path parameter (a row id); anything else is kNotFound naming the parameter.
Result<std::int64_t> IdParam(const Request& req, std::string_view name);

// The `from` and `to` query parameters (RFC 3339), each defaulting as given; refused naming the parameter when
// malformed, when `to` is not after `from`, or when the range is longer than `max_span`.
Result<std::pair<TimePoint, TimePoint>> TimeRangeParams(const Request& req, TimePoint default_from,
                                                        TimePoint default_to, std::chrono::hours max_span);

// Percent-decoding of a path segment or query component ('+' means space only in queries).
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space);

}  // namespace precinct::server
