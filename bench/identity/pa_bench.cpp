// Passive authentication per second on one core: ParseSod + PassiveAuthenticate (signature, chain to a trusted
// CSCA, validity, every group's hash) on a software-card SOD (ECDSA P-256, SHA-256) and on the ETSI specimen
// (RSA-PSS), beside OpenSSL's bare CMS_verify of the same bytes (the signature alone, no chain, no hashes).
// Prints figures; asserts nothing.
#include <benchmark/benchmark.h>
#include <openssl/cms.h>

#include <filesystem>
#include <fstream>

#include "precinct/identity/mrz.hpp"
#include "precinct/identity/passive_auth.hpp"
#include "precinct/identity/sod.hpp"
#include "precinct/identity/test_pki.hpp"
#include "precinct/identity/tlv.hpp"
#include "precinct/identity/trust_store.hpp"

namespace {

using namespace precinct::identity;
namespace fs = std::filesystem;

struct Input {
    Bytes ef_sod;
    std::map<int, Bytes> groups;
    TrustStore trust;
};

Input& SoftwareCardInput() {
    static Input* input = [] {
        auto* in = new Input;
        const auto now = std::chrono::system_clock::now();
        auto pki = TestPki::Create(now);
        if (!pki) std::abort();
        in->groups[1] = EncodeDg1(
            "IDVNM2051234564079205123456<<40503154M3003150VNM<<<<<<<<<<<6NGUYEN<<VAN<AN<<<<<<<<<<<<<<<<");
        in->groups[2] = EncodeTlv(0x75, Bytes(20000, 0x5A));  // a face image's size
        in->groups[13] = EncodeTlv(0x6D, Bytes(600, 0x30));
        auto key = TestPki::MakeAaKey(AaKeyKind::kEcP256);
        if (!key) std::abort();
        in->groups[15] = EncodeTlv(0x6F, key->SubjectPublicKeyInfoDer());
        auto sod = pki->BuildSod(in->groups);
        if (!sod) std::abort();
        in->ef_sod = *sod;
        if (!in->trust.AddCertificate(pki->CscaCertificateDer())) std::abort();
        return in;
    }();
    return *input;
}

Bytes Load(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    return Bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

Input* EtsiInput() {
    static Input* input = []() -> Input* {
        const fs::path dir = fs::path(PRECINCT_IDENTITY_VECTORS) / "etsi-tr103200";
        if (!fs::exists(dir)) return nullptr;
        auto* in = new Input;
        in->ef_sod = Load(dir / "EF_SOD.bin");
        for (int n : {1, 14, 15}) in->groups[n] = Load(dir / ("Datagroup" + std::to_string(n) + ".bin"));
        return in;
    }();
    return input;
}

void RunPassive(benchmark::State& state, Input& in) {
    const auto now = std::chrono::system_clock::now();
    for (auto _ : state) {
        auto sod = ParseSod(in.ef_sod);
        if (!sod) {
            state.SkipWithError("SOD does not parse");
            return;
        }
        auto report = PassiveAuthenticate(*sod, in.ef_sod, in.groups, in.trust, now);
        benchmark::DoNotOptimize(report.passed);
    }
    state.counters["per_second"] = benchmark::Counter(static_cast<double>(state.iterations()),
                                                      benchmark::Counter::kIsRate);
}

void RunBareCms(benchmark::State& state, const Bytes& ef_sod) {
    // The CMS without the 0x77 tag and its length.
    std::size_t offset = 0;
    auto outer = ReadTlv(ef_sod, offset);
    if (!outer) {
        state.SkipWithError("no TLV");
        return;
    }
    for (auto _ : state) {
        const unsigned char* p = outer->value.data();
        CMS_ContentInfo* cms = d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(outer->value.size()));
        BIO* out = BIO_new(BIO_s_mem());
        const int ok = CMS_verify(cms, nullptr, nullptr, nullptr, out, CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY);
        benchmark::DoNotOptimize(ok);
        BIO_free(out);
        CMS_ContentInfo_free(cms);
    }
    state.counters["per_second"] = benchmark::Counter(static_cast<double>(state.iterations()),
                                                      benchmark::Counter::kIsRate);
}

void BM_PassiveAuth_SoftwareCard_EcdsaP256(benchmark::State& state) { RunPassive(state, SoftwareCardInput()); }
void BM_OpenSslCmsVerifyOnly_SoftwareCard(benchmark::State& state) { RunBareCms(state, SoftwareCardInput().ef_sod); }
void BM_PassiveAuth_EtsiSpecimen_RsaPss(benchmark::State& state) {
    if (!EtsiInput()) {
        state.SkipWithError("test vectors not found");
        return;
    }
    RunPassive(state, *EtsiInput());
}
void BM_OpenSslCmsVerifyOnly_EtsiSpecimen(benchmark::State& state) {
    if (!EtsiInput()) {
        state.SkipWithError("test vectors not found");
        return;
    }
    RunBareCms(state, EtsiInput()->ef_sod);
}

BENCHMARK(BM_PassiveAuth_SoftwareCard_EcdsaP256);
BENCHMARK(BM_OpenSslCmsVerifyOnly_SoftwareCard);
BENCHMARK(BM_PassiveAuth_EtsiSpecimen_RsaPss);
BENCHMARK(BM_OpenSslCmsVerifyOnly_EtsiSpecimen);

}  // namespace

BENCHMARK_MAIN();
