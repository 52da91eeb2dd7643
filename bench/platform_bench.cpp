// In-process costs on the request path: route matching, JSON body decoding, token resolution (cached),
// audit appends (one durable write transaction each).
#include <benchmark/benchmark.h>

#include "auth/audit_log.hpp"
#include "auth/auth_service.hpp"
#include "server/json_body.hpp"
#include "server/router.hpp"
#include "storage/test_support.hpp"

namespace precinct {
namespace {

server::Router MakeRouter() {
    server::Router r;
    const char* resources[] = {"incidents", "units", "calls", "reports", "documents", "cards", "plates", "faces"};
    for (const char* res : resources) {
        const std::string base = std::string("/api/v1/") + res;
        auto h = [](const server::Request&) { return server::Response::NoContent(); };
        r.Get(base, server::Access::SignedIn(), h);
        r.Post(base, server::Access::SignedIn(), h);
        r.Get(base + "/{id}", server::Access::SignedIn(), h);
        r.Post(base + "/{id}/notes", server::Access::SignedIn(), h);
        r.Get(base + "/{id}/history", server::Access::SignedIn(), h);
    }
    return r;
}

void BM_RouterMatch(benchmark::State& state) {
    auto router = MakeRouter();
    for (auto _ : state) {
        auto m = router.Match(server::Method::kGet, "/api/v1/faces/12345/history");
        benchmark::DoNotOptimize(m.route);
    }
}
BENCHMARK(BM_RouterMatch);

void BM_DecodeJsonBody(benchmark::State& state) {
    const std::string body =
        R"({"line":"113","caller":"+84912345678","description":"Cháy nhà dân, có người mắc kẹt tầng 3",)"
        R"("location":{"lat":21.02851,"lon":105.80481,"accuracy_m":12},"category":"FIRE"})";
    for (auto _ : state) {
        auto j = server::ParseJsonObject(body);
        benchmark::DoNotOptimize(j);
    }
}
BENCHMARK(BM_DecodeJsonBody);

struct AuthFixture {
    testing::TempDir dir;
    FakeClock clock{FromUnixMillis(1795000000000)};
    std::unique_ptr<storage::Database> db = std::move(*storage::OpenSqlite({.path = dir.path() / "b.db"}));
    auth::AuditLog audit{*db, clock, nullptr};
    std::unique_ptr<auth::AuthService> service;
    AuthFixture() {
        (void)audit.Migrate();
        service = std::make_unique<auth::AuthService>(*db, audit, clock, auth::Settings{});
        (void)service->Migrate();
        (void)service->CreateUser({"bench.user", "Bench", "benchmark password", Role::kDispatcher}, auth::Actor{});
    }
};

void BM_ResolveTokenCached(benchmark::State& state) {
    AuthFixture f;
    auto token = f.service->Login("bench.user", "benchmark password", auth::Actor{});
    for (auto _ : state) {
        auto p = f.service->Resolve(token->token);
        benchmark::DoNotOptimize(p);
    }
}
BENCHMARK(BM_ResolveTokenCached);

void BM_AuditAppendDurable(benchmark::State& state) {
    AuthFixture f;
    const auth::AuditEntry e{"bench.user", "dispatcher", "GET /api/v1/incidents/{id}", "/api/v1/incidents/7",
                             "incident review", "127.0.0.1", "rid", "{\"status\":200}"};
    for (auto _ : state) {
        auto r = f.audit.Append(e);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_AuditAppendDurable)->Unit(benchmark::kMicrosecond);

void BM_PasswordHashArgon2id(benchmark::State& state) {
    for (auto _ : state) {
        auto h = auth::HashPassword("a long pass phrase", auth::PasswordParams{});
        benchmark::DoNotOptimize(h);
    }
}
BENCHMARK(BM_PasswordHashArgon2id)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace precinct

BENCHMARK_MAIN();
