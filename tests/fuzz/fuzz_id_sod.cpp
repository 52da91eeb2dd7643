// EF.SOD: the strict structural parser and, when it accepts, passive authentication against no trust anchors.
#include <chrono>
#include <cstddef>
#include <cstdint>

#include "precinct/identity/passive_auth.hpp"
#include "precinct/identity/sod.hpp"
#include "precinct/identity/trust_store.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const precinct::identity::TrustStore kEmpty;
    const precinct::identity::ByteView bytes(data, size);
    auto sod = precinct::identity::ParseSod(bytes);
    if (sod) {
        const std::map<int, precinct::identity::Bytes> groups{{1, precinct::identity::Bytes{0x61, 0x00}}};
        (void)precinct::identity::PassiveAuthenticate(*sod, bytes, groups, kEmpty, std::chrono::system_clock::now());
    }
    return 0;
}
