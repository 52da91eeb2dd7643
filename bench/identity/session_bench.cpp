// A whole reader session against the software card, on one core: power-on, SELECT with the master-file quirk,
// PACE (ECDH generic mapping, brainpoolP256r1, AES-128) or BAC (3DES), reading EF.COM, EF.SOD and every data
// group under secure messaging, active authentication (ECDSA P-256) and chip authentication (ECDH P-256,
// re-keying) — and then Verify() on what was read (passive authentication, DG13, the face re-encoded to PNG).
// The chip's side of each command runs in the same thread, so a session's time is both ends' CPU work; a real
// card adds its own slower processing and the reader's transfer time. Prints figures; asserts nothing.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>

#include "precinct/identity/chip_reader.hpp"
#include "precinct/identity/software_card.hpp"
#include "precinct/identity/trust_store.hpp"
#include "precinct/identity/verify.hpp"

namespace {

using namespace precinct::identity;

struct Fixture {
    SoftwareCardFactory factory;
    TrustStore trust;
};

Fixture& Cards() {
    static Fixture* f = [] {
        auto factory = SoftwareCardFactory::Create(std::chrono::system_clock::now());
        if (!factory) std::abort();
        auto* out = new Fixture{std::move(*factory), {}};
        if (!out->trust.AddCertificate(out->factory.CscaCertificateDer())) std::abort();
        return out;
    }();
    return *f;
}

// `dg2_bytes`: the face file's size (a real CCCD's JPEG face is some 15-20 KB).
void RunSession(benchmark::State& state, bool pace, bool verify) {
    Fixture& f = Cards();
    SoftwareCardOptions options;
    options.dg2_min_bytes = static_cast<std::size_t>(state.range(0));
    ReadOptions read_options;
    read_options.pace = pace;
    const SoftwareCardProfile profile = DemoCitizen();
    const AccessKey key = AccessKey::Mrz(profile.document_number, profile.date_of_birth, profile.date_of_expiry);
    std::size_t commands = 0;
    for (auto _ : state) {
        auto card = f.factory.Make(CardVariant::kGenuine, profile, options);
        if (!card) std::abort();
        auto read = ReadChip(**card, key, read_options);
        if (!read) {
            state.SkipWithError(read.error().message.c_str());
            return;
        }
        commands += (*card)->commands_answered();
        if (verify) {
            const auto report = Verify(*read, f.trust, std::chrono::system_clock::now());
            if (report.verdict != Verdict::kGenuine) {
                state.SkipWithError("the genuine software card was not found genuine");
                return;
            }
            benchmark::DoNotOptimize(report);
        }
        benchmark::DoNotOptimize(read);
    }
    state.counters["apdus"] = benchmark::Counter(static_cast<double>(commands) / static_cast<double>(state.iterations()));
    state.counters["sessions/s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_Session_Pace(benchmark::State& state) { RunSession(state, true, false); }
void BM_Session_Bac(benchmark::State& state) { RunSession(state, false, false); }
void BM_SessionAndVerify_Pace(benchmark::State& state) { RunSession(state, true, true); }

}  // namespace

BENCHMARK(BM_Session_Pace)->Arg(0)->Arg(20000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Session_Bac)->Arg(0)->Arg(20000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SessionAndVerify_Pace)->Arg(0)->Arg(20000)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
