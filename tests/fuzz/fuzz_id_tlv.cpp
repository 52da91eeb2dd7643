// BER-TLV and DER: nested reads down to a fixed depth, OIDs and integers of every primitive found.
#include <cstddef>
#include <cstdint>

#include "precinct/identity/tlv.hpp"

namespace {

void Walk(precinct::identity::ByteView data, int depth) {
    auto items = precinct::identity::ReadAllTlv(data);
    if (!items) return;
    for (const auto& t : *items) {
        if (t.constructed && depth < 8) {
            Walk(t.value, depth + 1);
        } else if (t.tag == precinct::identity::kDerOid) {
            (void)precinct::identity::DecodeOid(t.value);
        } else if (t.tag == precinct::identity::kDerInteger) {
            (void)precinct::identity::DecodeInteger(t.value);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Walk(precinct::identity::ByteView(data, size), 0);
    return 0;
}
