// The `precinct simulate` commands: a small keep-alive HTTP client on Boost.Beast driving a running server.
#include "precinct/dispatch/simulate.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <iostream>
#include <mutex>
#include <thread>

#include "core/json.hpp"
#include "service.hpp"
#include "simulator.hpp"

namespace precinct::dispatch {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Reply {
    int status = 0;
    std::string body;
};

class Client {
public:
    Client(std::string host, std::string port) : host_(std::move(host)), port_(std::move(port)) {}

    Reply Send(http::verb verb, const std::string& target, const std::string& body, const std::string& token) {
        for (int attempt = 0; attempt < 2; ++attempt) {
            try {
                if (!stream_) Connect();
                http::request<http::string_body> req{verb, target, 11};
                req.set(http::field::host, host_);
                req.keep_alive(true);
                if (!token.empty()) req.set(http::field::authorization, "Bearer " + token);
                if (!body.empty()) {
                    req.set(http::field::content_type, "application/json");
                    req.body() = body;
                }
                req.prepare_payload();
                http::write(*stream_, req);
                http::response<http::string_body> res;
                beast::flat_buffer buffer;
                http::read(*stream_, buffer, res);
                if (!res.keep_alive()) stream_.reset();
                return Reply{static_cast<int>(res.result_int()), std::move(res.body())};
            } catch (const std::exception&) {
                stream_.reset();  // the server closed an idle connection: reconnect once
                if (attempt == 1) throw;
            }
        }
        return {};
    }

private:
    void Connect() {
        tcp::resolver resolver(ioc_);
        stream_ = std::make_unique<beast::tcp_stream>(ioc_);
        stream_->connect(resolver.resolve(host_, port_));
        stream_->socket().set_option(tcp::no_delay(true));
    }

    net::io_context ioc_;
    std::string host_, port_;
    std::unique_ptr<beast::tcp_stream> stream_;
};

std::pair<std::string, std::string> SplitServer(const std::string& server) {
    auto colon = server.rfind(':');
    if (colon == std::string::npos) return {server, "8080"};
    return {server.substr(0, colon), server.substr(colon + 1)};
}

std::string Login(Client& client, const SimulateOptions& o) {
    auto r = client.Send(http::verb::post, "/api/v1/auth/token",
                         Json{{"username", o.username}, {"password", o.password}}.dump(), "");
    if (r.status != 201)
        throw std::runtime_error(fmt::format("sign-in as {} failed: HTTP {} {}", o.username, r.status, r.body));
    return Json::parse(r.body).at("token").get<std::string>();
}

struct Latencies {
    std::mutex mutex;
    std::vector<double> ms;
    void Add(double v) {
        std::lock_guard lock(mutex);
        ms.push_back(v);
    }
    std::string Summary() {
        std::lock_guard lock(mutex);
        std::vector<double> copy = ms;
        auto q = ComputeQuantiles(copy);
        if (copy.empty()) return "no samples";
        std::sort(copy.begin(), copy.end());
        const auto p99 =
            copy[std::min(copy.size() - 1, static_cast<std::size_t>(0.99 * static_cast<double>(copy.size())))];
        return fmt::format("p50 {:.2f} ms, p90 {:.2f} ms, p99 {:.2f} ms, max {:.2f} ms", *q.median, *q.p90, p99,
                           copy.back());
    }
};

// Runs `work(i, client)` at `rate` a second over `connections` threads for `duration_s`.
template <class Work>
void Paced(const SimulateOptions& o, Work work) {
    const auto [host, port] = SplitServer(o.server);
    const auto total = static_cast<std::int64_t>(o.rate * o.duration_s);
    std::atomic<std::int64_t> next{0};
    const auto start = Clock::now();
    std::vector<std::thread> threads;
    for (int t = 0; t < o.connections; ++t) {
        threads.emplace_back([&, host = host, port = port] {
            Client client(host, port);
            for (;;) {
                const auto i = next.fetch_add(1);
                if (i >= total) break;
                const auto due = start + std::chrono::duration_cast<Clock::duration>(
                                             std::chrono::duration<double>(static_cast<double>(i) / o.rate));
                std::this_thread::sleep_until(due);
                work(i, client);
            }
        });
    }
    for (auto& t : threads) t.join();
}

// The centre over HTTP, for StepFleet: the account must be a dispatcher or supervisor.
class HttpCentre final : public Centre {
public:
    HttpCentre(Client& client, std::string token) : client_(client), token_(std::move(token)) {}

    Result<std::vector<IncidentView>> OpenIncidents() override {
        auto r = Get("/api/v1/incidents?status=open&limit=1000");
        if (!r) return Fail(r.error());
        std::vector<IncidentView> out;
        for (const auto& i : (*r)["incidents"]) {
            IncidentView v;
            v.id = i["id"].get<std::int64_t>();
            v.status = ParseIncidentStatus(i["status"].get<std::string>()).value_or(IncidentStatus::kNew);
            v.created_at = ParseTime(i["created_at"].get<std::string>()).value_or(TimePoint{});
            if (i["location"].is_object() && i["location"]["lat"].is_number()) {
                v.point = GeoPoint{i["location"]["lat"].get<double>(), i["location"]["lon"].get<double>()};
            }
            out.push_back(v);
        }
        return out;
    }
    Result<std::vector<UnitView>> Units() override {
        auto r = Get("/api/v1/units");
        if (!r) return Fail(r.error());
        std::vector<UnitView> out;
        for (const auto& u : (*r)["units"]) {
            UnitView v;
            v.id = u["id"].get<std::int64_t>();
            v.status = ParseUnitStatus(u["status"].get<std::string>()).value_or(UnitStatus::kOutOfService);
            if (u["position"].is_object()) {
                v.position = GeoPoint{u["position"]["lat"].get<double>(), u["position"]["lon"].get<double>()};
                if (u["position"]["fixed_at"].is_string())
                    v.fixed_at = ParseTime(u["position"]["fixed_at"].get<std::string>());
            }
            if (u["incident_id"].is_number()) v.incident_id = u["incident_id"].get<std::int64_t>();
            out.push_back(v);
        }
        return out;
    }
    Status SetStatus(std::int64_t unit_id, UnitStatus to) override {
        return Post(fmt::format("/api/v1/units/{}/status", unit_id), Json{{"status", UnitStatusCode(to)}});
    }
    Status Move(const PositionFix& fix) override {
        return Post(fmt::format("/api/v1/units/{}/position", fix.unit_id),
                    Json{{"lat", fix.point.lat},
                         {"lon", fix.point.lon},
                         {"accuracy_m", fix.accuracy_m},
                         {"fixed_at", FormatTime(fix.fixed_at)}});
    }
    Status AssignBest(std::int64_t incident_id) override {
        auto r = Get(fmt::format("/api/v1/incidents/{}/recommendations?limit=1", incident_id));
        if (!r) return Fail(r.error());
        const auto& recs = (*r)["recommendations"];
        if (recs.empty()) return Ok();
        return Post(fmt::format("/api/v1/incidents/{}/assignments", incident_id),
                    Json{{"unit_id", recs[0]["unit"]["id"]}});
    }
    Status Close(std::int64_t incident_id) override {
        return Post(fmt::format("/api/v1/incidents/{}/close", incident_id),
                    Json{{"closure_code", "resolved"}, {"note", "simulate"}});
    }

private:
    Result<Json> Get(const std::string& target) {
        try {
            auto r = client_.Send(http::verb::get, target, "", token_);
            if (r.status != 200) return Fail(ErrorCode::kUnavailable, fmt::format("GET {}: HTTP {}", target, r.status));
            return Json::parse(r.body);
        } catch (const std::exception& e) {
            return Fail(ErrorCode::kUnavailable, e.what());
        }
    }
    Status Post(const std::string& target, const Json& body) {
        try {
            auto r = client_.Send(http::verb::post, target, body.dump(), token_);
            if (r.status >= 300) return Fail(ErrorCode::kConflict, fmt::format("POST {}: HTTP {}", target, r.status));
            return Ok();
        } catch (const std::exception& e) {
            return Fail(ErrorCode::kUnavailable, e.what());
        }
    }

    Client& client_;
    std::string token_;
};

}  // namespace

int SimulateCalls(const SimulateOptions& o, std::ostream& out) {
    try {
        const auto [host, port] = SplitServer(o.server);
        Client login(host, port);
        const std::string token = Login(login, o);
        std::atomic<int> created{0}, pending{0}, transferred{0}, failed{0};
        Latencies lat;
        std::mutex gen_mutex;
        ScenarioGenerator gen(o.seed);
        const auto started = Clock::now();
        // Units move and incidents get handled alongside, when the account may dispatch.
        std::atomic<bool> calls_done{false};
        std::thread fleet;
        if (o.fleet) {
            auto probe = login.Send(http::verb::get, "/api/v1/units", "", token);
            if (probe.status == 200) {
                fleet = std::thread([&, host = host, port = port] {
                    Client client(host, port);
                    HttpCentre centre(client, token);
                    while (!calls_done) {
                        StepFleet(centre, std::chrono::system_clock::now(), 5);
                        for (int i = 0; i < 50 && !calls_done; ++i)
                            std::this_thread::sleep_for(std::chrono::milliseconds(100));
                    }
                });
            } else {
                out << fmt::format("simulate calls: {} may not move units (HTTP {}); posting calls only\n", o.username,
                                   probe.status);
            }
        }
        Paced(o, [&](std::int64_t i, Client& client) {
            std::string body;
            {
                std::lock_guard lock(gen_mutex);
                auto call = gen.Next(std::chrono::system_clock::now());
                body =
                    ScenarioGenerator::Body(call, std::chrono::system_clock::now(), fmt::format("sim-{}-{}", o.seed, i))
                        .dump();
            }
            const auto t0 = Clock::now();
            Reply r;
            try {
                r = client.Send(http::verb::post, "/api/v1/calls", body, token);
            } catch (const std::exception&) {
                ++failed;
                return;
            }
            lat.Add(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
            if (r.status != 201) {
                if (failed++ < 5)
                    out << fmt::format("call {} refused: HTTP {} {}\n", i, r.status, r.body.substr(0, 300));
                return;
            }
            const auto state = Json::parse(r.body)["call"].value("state", "");
            if (state == "pending_link") {
                ++pending;
            } else if (state == "transferred") {
                ++transferred;
            } else {
                ++created;
            }
        });
        calls_done = true;
        if (fleet.joinable()) fleet.join();
        const double secs = std::chrono::duration<double>(Clock::now() - started).count();
        const int answered = created + pending + transferred;
        out << fmt::format(
            "simulate calls: {} sent in {:.1f} s = {:.0f} calls/s over {} connections (asked {:.0f}/s)\n"
            "  incident created {}, offered as duplicate {}, transferred {}, failed {}\n  latency: {}\n",
            answered + failed, secs, answered / secs, o.connections, o.rate, created.load(), pending.load(),
            transferred.load(), failed.load(), lat.Summary());
        return failed == 0 ? 0 : 1;
    } catch (const std::exception& e) {
        out << "simulate calls: " << e.what() << "\n";
        return 3;
    }
}

int SimulatePositions(const SimulateOptions& o, std::ostream& out) {
    try {
        const auto [host, port] = SplitServer(o.server);
        Client login(host, port);
        const std::string token = Login(login, o);
        auto r = login.Send(http::verb::get, "/api/v1/units", "", token);
        if (r.status != 200) throw std::runtime_error(fmt::format("cannot list units: HTTP {}", r.status));
        struct U {
            std::int64_t id;
            double lat, lon;
        };
        std::vector<U> units;
        const Json listed = Json::parse(r.body);
        for (const auto& u : listed["units"]) {
            double lat = 21.03, lon = 105.85;
            if (u["position"].is_object()) {
                lat = u["position"]["lat"].get<double>();
                lon = u["position"]["lon"].get<double>();
            }
            units.push_back({u["id"].get<std::int64_t>(), lat, lon});
        }
        if (units.empty()) throw std::runtime_error("the server has no units");
        std::atomic<int> accepted{0}, ignored{0}, failed{0};
        Latencies lat;
        // Each unit's fixes are 1 ms apart, starting a minute ago, so none is a repeat and none is in the future.
        const auto base = std::chrono::system_clock::now() - std::chrono::seconds(60);
        const auto started = Clock::now();
        Paced(o, [&](std::int64_t i, Client& client) {
            const auto& u = units[static_cast<std::size_t>(i) % units.size()];
            const double step = 0.00002 * static_cast<double>(i / static_cast<std::int64_t>(units.size()) % 100);
            const Json body{
                {"lat", u.lat + step},
                {"lon", u.lon + step},
                {"accuracy_m", 8},
                {"speed_kmh", 30},
                {"fixed_at",
                 FormatTime(base + std::chrono::milliseconds(i / static_cast<std::int64_t>(units.size())))}};
            const auto t0 = Clock::now();
            Reply rep;
            try {
                rep = client.Send(http::verb::post, fmt::format("/api/v1/units/{}/position", u.id), body.dump(), token);
            } catch (const std::exception&) {
                ++failed;
                return;
            }
            lat.Add(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
            if (rep.status != 202) {
                ++failed;
            } else if (rep.body.find("\"accepted\":true") != std::string::npos) {
                ++accepted;
            } else {
                ++ignored;
            }
        });
        const double secs = std::chrono::duration<double>(Clock::now() - started).count();
        out << fmt::format(
            "simulate positions: {} fixes in {:.1f} s = {:.0f} fixes/s over {} connections for {} units\n"
            "  accepted {}, ignored (repeat or older) {}, failed {}\n  latency: {}\n",
            accepted + ignored + failed, secs, (accepted + ignored) / secs, o.connections, units.size(),
            accepted.load(), ignored.load(), failed.load(), lat.Summary());
        return failed == 0 ? 0 : 1;
    } catch (const std::exception& e) {
        out << "simulate positions: " << e.what() << "\n";
        return 3;
    }
}

int MeasureAssignLatency(const SimulateOptions& o, std::ostream& out) {
    try {
        const auto [host, port] = SplitServer(o.server);
        Client api(host, port);
        const std::string token = Login(api, o);

        // The live stream, read on its own thread: arrival time of each assignment event by unit id.
        std::mutex mutex;
        std::condition_variable cv;
        std::deque<std::pair<std::int64_t, Clock::time_point>> seen;
        std::atomic<bool> stop{false};
        net::io_context ioc;
        tcp::resolver resolver(ioc);
        beast::tcp_stream sse(ioc);
        sse.connect(resolver.resolve(host, port));
        const std::string get = fmt::format(
            "GET /api/v1/events?topics=dispatch HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {}\r\n"
            "Accept: text/event-stream\r\n\r\n",
            host, token);
        net::write(sse.socket(), net::buffer(get));
        std::thread reader([&] {
            std::string buf;
            char chunk[16384];
            while (!stop) {
                beast::error_code ec;
                const auto n = sse.socket().read_some(net::buffer(chunk), ec);
                if (ec) break;
                const auto now = Clock::now();
                buf.append(chunk, n);
                std::size_t end;
                while ((end = buf.find("\n\n")) != std::string::npos) {
                    const std::string block = buf.substr(0, end);
                    buf.erase(0, end + 2);
                    const auto data = block.find("data: ");
                    if (data == std::string::npos || block.find("assignment.created") == std::string::npos) continue;
                    auto j = Json::parse(block.substr(data + 6, block.find('\n', data) - data - 6), nullptr, false);
                    if (!j.is_object()) continue;
                    std::lock_guard lock(mutex);
                    seen.emplace_back(j["assignment"].value("unit_id", std::int64_t{0}), now);
                    cv.notify_all();
                }
            }
        });

        // A unit and an incident of the measurement's own, far from the demo's streets.
        const std::string sign = fmt::format("DO-TRE-{}", o.seed);
        auto made = api.Send(http::verb::post, "/api/v1/units",
                             Json{{"call_sign", sign},
                                  {"kind", "patrol_car"},
                                  {"station", "đo độ trễ / latency probe"},
                                  {"lat", 21.1500},
                                  {"lon", 105.9500}}
                                 .dump(),
                             token);
        std::int64_t unit_id = 0;
        if (made.status == 201) {
            unit_id = Json::parse(made.body)["id"].get<std::int64_t>();
        } else {
            auto list = Json::parse(api.Send(http::verb::get, "/api/v1/units", "", token).body);
            for (const auto& u : list["units"]) {
                if (u["call_sign"] == sign) unit_id = u["id"].get<std::int64_t>();
            }
        }
        if (unit_id == 0)
            throw std::runtime_error(fmt::format("cannot create unit {}: HTTP {} {}", sign, made.status, made.body));
        (void)api.Send(http::verb::post, fmt::format("/api/v1/units/{}/status", unit_id), R"({"status":"available"})",
                       token);
        auto call = api.Send(http::verb::post, "/api/v1/calls",
                             Json{{"line", "113"},
                                  {"caller", "+84900009999"},
                                  {"description", "Đo độ trễ điều động (không phải sự việc thật) / latency probe"},
                                  {"category", "INFO"},
                                  {"location", {{"lat", 21.1510}, {"lon", 105.9510}}}}
                                 .dump(),
                             token);
        if (call.status != 201)
            throw std::runtime_error(fmt::format("cannot record the probe call: HTTP {} {}", call.status, call.body));
        auto cj = Json::parse(call.body);
        std::int64_t incident_id = 0;
        if (cj["incident"].is_object()) {
            incident_id = cj["incident"]["id"].get<std::int64_t>();
        } else {
            auto link =
                api.Send(http::verb::post, fmt::format("/api/v1/calls/{}/link", cj["call"]["id"].get<std::int64_t>()),
                         R"({"decision":"reject"})", token);
            incident_id = Json::parse(link.body)["incident"]["id"].get<std::int64_t>();
        }

        Latencies lat;
        int missed = 0;
        for (int i = 0; i < o.count; ++i) {
            {
                std::lock_guard lock(mutex);
                seen.clear();
            }
            const auto t0 = Clock::now();
            auto r = api.Send(http::verb::post, fmt::format("/api/v1/incidents/{}/assignments", incident_id),
                              Json{{"unit_id", unit_id}}.dump(), token);
            if (r.status != 201)
                throw std::runtime_error(fmt::format("assignment refused: HTTP {} {}", r.status, r.body));
            std::unique_lock lock(mutex);
            const bool got = cv.wait_for(lock, std::chrono::seconds(5), [&] {
                return std::any_of(seen.begin(), seen.end(), [&](const auto& s) { return s.first == unit_id; });
            });
            if (got) {
                auto it = std::find_if(seen.begin(), seen.end(), [&](const auto& s) { return s.first == unit_id; });
                lat.Add(std::chrono::duration<double, std::milli>(it->second - t0).count());
            } else {
                ++missed;
            }
            lock.unlock();
            (void)api.Send(http::verb::post, fmt::format("/api/v1/units/{}/status", unit_id),
                           R"({"status":"available"})", token);
        }
        (void)api.Send(http::verb::post, fmt::format("/api/v1/incidents/{}/close", incident_id),
                       R"({"closure_code":"no_action_needed","note":"latency probe"})", token);
        stop = true;
        beast::error_code ignored;
        sse.socket().shutdown(tcp::socket::shutdown_both, ignored);
        sse.socket().close(ignored);
        reader.join();
        out << fmt::format("assignment to live event: {} assignments, {} not seen within 5 s; {}\n", o.count, missed,
                           lat.Summary());
        return missed == 0 ? 0 : 1;
    } catch (const std::exception& e) {
        out << "simulate assign-latency: " << e.what() << "\n";
        return 3;
    }
}

}  // namespace precinct::dispatch
