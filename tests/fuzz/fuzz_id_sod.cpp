// Fuzz target: EF.SOD. The strict structural parser and, when it accepts, passive authentication against an
// empty trust store. Besides not crashing: what the parser hands back must be consistent (one hash per listed
// group, of the digest's length), and with no trusted CSCA passive authentication can never pass.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>

#include "precinct/identity/passive_auth.hpp"
#include "precinct/identity/sod.hpp"
#include "precinct/identity/trust_store.hpp"

namespace {

using precinct::identity::Bytes;
using precinct::identity::ByteView;

void CheckSod(const precinct::identity::Sod& sod) {
    if (sod.listed_groups.size() != sod.group_hashes.size() || sod.listed_groups.empty()) std::abort();
    const auto probe = precinct::identity::HashDataGroup(sod.digest_algorithm, ByteView());
    if (!probe) std::abort();
    for (const auto& [dg, hash] : sod.group_hashes) {
        if (dg < 1 || dg > 16 || hash.size() != probe->size()) std::abort();
    }
    if (sod.signer_index && *sod.signer_index >= sod.certificates.size()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const precinct::identity::TrustStore kEmpty;
    const ByteView bytes(data, size);
    auto sod = precinct::identity::ParseSod(bytes);
    if (!sod) return 0;
    CheckSod(*sod);
    // One group from the input itself and one the SOD lists (if any), so both hash outcomes are reached.
    std::map<int, Bytes> groups{{1, Bytes(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(size / 2))}};
    groups[sod->listed_groups.back()] = Bytes{0x6F, 0x00};
    const auto report =
        precinct::identity::PassiveAuthenticate(*sod, bytes, groups, kEmpty, std::chrono::system_clock::now());
    if (report.passed || report.chain_ok || report.have_trust_anchors) std::abort();
    return 0;
}
