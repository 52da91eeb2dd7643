#pragma once
// Routes: method + path pattern with {params}, who may call, size limits, and the handler.
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/roles.hpp"
#include "server/http.hpp"

namespace precinct::server {

// Who may call a route: anyone (public), any signed-in officer, or officers with one of the given roles.
struct Access {
    bool is_public = false;
    std::vector<Role> roles;   // empty and not public: any signed-in officer

    static Access Public() { return Access{true, {}}; }
    static Access SignedIn() { return Access{false, {}}; }
    Access() = default;
    Access(bool pub, std::vector<Role> r) : is_public(pub), roles(std::move(r)) {}
    Access(Role role) : roles{role} {}                         // NOLINT(google-explicit-constructor)
    Access(std::initializer_list<Role> r) : roles(r) {}
    bool Allows(Role role) const;
};

struct RouteOptions {
    std::size_t max_body_bytes = 0;   // 0: the server's default body limit
    bool personal_data = false;       // needs a stated purpose; every call is audited with it
    bool self_audited = false;        // the service records its own audit entry for changes
};

using Handler = std::function<Response(const Request&)>;

struct Route {
    Method method;
    std::string pattern;
    std::vector<std::string> segments;   // "{name}" marks a parameter
    Access access;
    RouteOptions options;
    Handler handler;
};

struct RouteMatch {
    const Route* route = nullptr;
    std::vector<std::pair<std::string, std::string>> params;
    std::string allow;                   // when the path exists for other methods only: "GET, POST"
    bool bad_path = false;               // a parameter was not valid percent-encoding
};

// Not thread-safe while routes are being added; safe for concurrent Match() once serving starts.
class Router {
public:
    void Add(Method method, std::string pattern, Access access, Handler handler, RouteOptions options = {});
    void Get(std::string pattern, Access access, Handler h, RouteOptions o = {}) {
        Add(Method::kGet, std::move(pattern), std::move(access), std::move(h), o);
    }
    void Post(std::string pattern, Access access, Handler h, RouteOptions o = {}) {
        Add(Method::kPost, std::move(pattern), std::move(access), std::move(h), o);
    }
    void Put(std::string pattern, Access access, Handler h, RouteOptions o = {}) {
        Add(Method::kPut, std::move(pattern), std::move(access), std::move(h), o);
    }
    void Patch(std::string pattern, Access access, Handler h, RouteOptions o = {}) {
        Add(Method::kPatch, std::move(pattern), std::move(access), std::move(h), o);
    }
    void Delete(std::string pattern, Access access, Handler h, RouteOptions o = {}) {
        Add(Method::kDelete, std::move(pattern), std::move(access), std::move(h), o);
    }

    RouteMatch Match(Method method, std::string_view path) const;
    const std::vector<std::unique_ptr<Route>>& routes() const { return routes_; }

private:
    std::vector<std::unique_ptr<Route>> routes_;
};

}  // namespace precinct::server
