#include "server/router.hpp"

#include <algorithm>

namespace precinct::server {
namespace {

std::vector<std::string_view> Split(std::string_view path) {
    std::vector<std::string_view> out;
    std::size_t start = path.starts_with('/') ? 1 : 0;
    while (start <= path.size()) {
        const auto slash = path.find('/', start);
        if (slash == std::string_view::npos) {
            out.push_back(path.substr(start));
            break;
        }
        out.push_back(path.substr(start, slash - start));
        start = slash + 1;
    }
    return out;
}

bool IsParam(std::string_view segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

bool Access::Allows(Role role) const {
    return roles.empty() || std::find(roles.begin(), roles.end(), role) != roles.end();
}

void Router::Add(Method method, std::string pattern, Access access, Handler handler, RouteOptions options) {
    auto route = std::make_unique<Route>();
    route->method = method;
    for (auto segment : Split(pattern)) route->segments.emplace_back(segment);
    route->pattern = std::move(pattern);
    route->access = std::move(access);
    route->options = options;
    route->handler = std::move(handler);
    routes_.push_back(std::move(route));
}

RouteMatch Router::Match(Method method, std::string_view path) const {
    RouteMatch result;
    const auto segments = Split(path);
    const bool head = method == Method::kHead;
    for (const auto& route : routes_) {
        if (route->segments.size() != segments.size()) continue;
        bool same = true;
        for (std::size_t i = 0; i < segments.size() && same; ++i) {
            const auto& want = route->segments[i];
            same = IsParam(want) ? !segments[i].empty() : want == segments[i];
        }
        if (!same) continue;
        if (route->method != method && !(head && route->method == Method::kGet)) {
            const auto name = MethodName(route->method);
            if (result.allow.find(name) == std::string::npos) {
                if (!result.allow.empty()) result.allow += ", ";
                result.allow += name;
            }
            continue;
        }
        result.route = route.get();
        result.allow.clear();
        for (std::size_t i = 0; i < segments.size(); ++i) {
            const auto& want = route->segments[i];
            if (!IsParam(want)) continue;
            auto decoded = PercentDecode(segments[i], false);
            if (!decoded) {
                result.bad_path = true;
                return result;
            }
            result.params.emplace_back(want.substr(1, want.size() - 2), std::move(*decoded));
        }
        return result;
    }
    return result;
}

}  // namespace precinct::server
