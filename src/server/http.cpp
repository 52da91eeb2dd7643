#include "server/http.hpp"

#include <charconv>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <array>

namespace precinct::server {
namespace {

bool IEquals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

struct ProblemText {
    std::string_view type;
    std::string_view title;
};

ProblemText TextFor(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidArgument: return {"invalid-argument", "Dữ liệu không hợp lệ — Invalid request data"};
        case ErrorCode::kNotFound: return {"not-found", "Không tìm thấy — Not found"};
        case ErrorCode::kConflict: return {"conflict", "Xung đột dữ liệu — Conflict"};
        case ErrorCode::kUnauthenticated:
            return {"unauthenticated", "Chưa đăng nhập hoặc phiên đã hết hạn — Not signed in"};
        case ErrorCode::kForbidden: return {"forbidden", "Không có quyền thực hiện — Forbidden"};
        case ErrorCode::kTooLarge: return {"too-large", "Dữ liệu quá lớn — Too large"};
        case ErrorCode::kRateLimited: return {"rate-limited", "Quá nhiều yêu cầu — Too many requests"};
        case ErrorCode::kUnavailable: return {"unavailable", "Dịch vụ tạm thời không sẵn sàng — Service unavailable"};
        case ErrorCode::kInternal: return {"internal", "Lỗi hệ thống — Internal error"};
    }
    return {"internal", "Lỗi hệ thống — Internal error"};
}

}  // namespace

std::string_view MethodName(Method m) {
    switch (m) {
        case Method::kGet: return "GET";
        case Method::kHead: return "HEAD";
        case Method::kPost: return "POST";
        case Method::kPut: return "PUT";
        case Method::kPatch: return "PATCH";
        case Method::kDelete: return "DELETE";
        case Method::kOptions: return "OPTIONS";
        case Method::kOther: return "OTHER";
    }
    return "OTHER";
}

Method ParseMethod(std::string_view name) {
    static constexpr std::array<Method, 7> kAll{Method::kGet,   Method::kHead,   Method::kPost,   Method::kPut,
                                                Method::kPatch, Method::kDelete, Method::kOptions};
    for (auto m : kAll) {
        if (MethodName(m) == name) return m;
    }
    return Method::kOther;
}

std::string_view Request::Header(std::string_view lower_name) const {
    for (const auto& [name, value] : headers) {
        if (IEquals(name, lower_name)) return value;
    }
    return {};
}

std::optional<std::string> Request::QueryParam(std::string_view name) const {
    std::string_view rest = query;
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        const auto pair = rest.substr(0, amp);
        rest = amp == std::string_view::npos ? std::string_view{} : rest.substr(amp + 1);
        const auto eq = pair.find('=');
        const auto key = PercentDecode(pair.substr(0, eq), true);
        if (!key || *key != name) continue;
        if (eq == std::string_view::npos) return std::string();
        return PercentDecode(pair.substr(eq + 1), true);
    }
    return std::nullopt;
}

std::string_view Request::Param(std::string_view name) const {
    for (const auto& [k, v] : params) {
        if (k == name) return v;
    }
    return {};
}

Response Response::MakeJson(int status, const Json& body) {
    Response r;
    r.status = status;
    r.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
    return r;
}

Response Response::NoContent() {
    Response r;
    r.status = 204;
    r.content_type.clear();
    return r;
}

Response Response::Text(int status, std::string body, std::string content_type) {
    Response r;
    r.status = status;
    r.body = std::move(body);
    r.content_type = std::move(content_type);
    return r;
}

int HttpStatusFor(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidArgument: return 400;
        case ErrorCode::kUnauthenticated: return 401;
        case ErrorCode::kForbidden: return 403;
        case ErrorCode::kNotFound: return 404;
        case ErrorCode::kConflict: return 409;
        case ErrorCode::kTooLarge: return 413;
        case ErrorCode::kRateLimited: return 429;
        case ErrorCode::kUnavailable: return 503;
        case ErrorCode::kInternal: return 500;
    }
    return 500;
}

Response Problem(int status, std::string_view type, std::string_view title, std::string detail, const Request& req) {
    Json body{{"type", fmt::format("/problems/{}", type)},
              {"title", title},
              {"status", status},
              {"detail", std::move(detail)},
              {"instance", req.path},
              {"request_id", req.request_id}};
    Response r = Response::MakeJson(status, body);
    r.content_type = "application/problem+json";
    return r;
}

Response TooManyRequests(int wait_s, const Request& req) {
    return Problem(Error{ErrorCode::kRateLimited, "too many requests from this client; try again later", "", wait_s},
                   req);
}

Response Problem(const Error& error, const Request& req) {
    const auto text = TextFor(error.code);
    const int status = HttpStatusFor(error.code);
    std::string detail = error.message;
    if (error.code == ErrorCode::kInternal) {
        // The route pattern, not the path: paths may carry personal data (a username, a card number).
        spdlog::error("request {} {} failed: {}", req.request_id, req.route.empty() ? "-" : req.route, error.message);
        detail = fmt::format("Lỗi nội bộ; mã yêu cầu {} — internal error; quote request id {}", req.request_id,
                             req.request_id);
    }
    Response r = Problem(status, text.type, text.title, std::move(detail), req);
    if (!error.field.empty() && error.code != ErrorCode::kInternal) {
        Json body = Json::parse(r.body);
        body["field"] = error.field;
        r.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
    }
    if (error.code == ErrorCode::kUnauthenticated) r.headers.emplace_back("WWW-Authenticate", "Bearer");
    if ((error.code == ErrorCode::kRateLimited || error.code == ErrorCode::kUnavailable) && error.retry_after_s > 0) {
        r.headers.emplace_back("Retry-After", std::to_string(error.retry_after_s));
    }
    return r;
}

std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size()) return std::nullopt;
            const int hi = HexValue(text[i + 1]);
            const int lo = HexValue(text[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

Result<int> IntParam(const Request& req, const char* name, int fallback, int min, int max) {
    auto text = req.QueryParam(name);
    if (!text) return fallback;
    int value = 0;
    auto [ptr, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || ptr != text->data() + text->size() || value < min || value > max) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: must be an integer from {} to {}", name, min, max),
                    name);
    }
    return value;
}

Result<std::int64_t> IdParam(const Request& req, std::string_view name) {
    const auto text = req.Param(name);
    std::int64_t v = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || ptr != text.data() + text.size() || v <= 0) {
        return Fail(ErrorCode::kNotFound, fmt::format("{}: no such id '{}'", name, text), std::string(name));
    }
    return v;
}

Result<std::pair<TimePoint, TimePoint>> TimeRangeParams(const Request& req, TimePoint default_from,
                                                        TimePoint default_to, std::chrono::hours max_span) {
    std::pair<TimePoint, TimePoint> range{default_from, default_to};
    for (auto [name, target] : {std::pair{"from", &range.first}, std::pair{"to", &range.second}}) {
        if (auto text = req.QueryParam(name); text && !text->empty()) {
            auto t = ParseTime(*text);
            if (!t) return Fail(ErrorCode::kInvalidArgument, fmt::format("{}: must be an RFC 3339 time", name), name);
            *target = *t;
        }
    }
    if (range.second <= range.first) return Fail(ErrorCode::kInvalidArgument, "to: must be after from", "to");
    if (range.second - range.first > max_span) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("from: the range is limited to {} days", max_span.count() / 24), "from");
    }
    return range;
}

}  // namespace precinct::server
