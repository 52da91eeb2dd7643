// BER-TLV and DER: nested reads down to a fixed depth, OIDs and integers of every primitive found; and the LDS
// structure parsers built on them (EF.COM, DG2, DG14 and EF.CardAccess SecurityInfos, DG15).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "precinct/identity/face_image.hpp"
#include "precinct/identity/lds.hpp"
#include "precinct/identity/security_infos.hpp"
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
    const precinct::identity::ByteView bytes(data, size);
    Walk(bytes, 0);
    (void)precinct::identity::ParseCom(bytes);
    (void)precinct::identity::ParseDg2(bytes);
    (void)precinct::identity::ParseDg15(bytes);
    auto infos = precinct::identity::ParseSecurityInfos(bytes);
    if (infos) {
        for (const auto& pace : infos->pace) (void)precinct::identity::ProtocolName(pace.protocol);
        // What parses encodes (unless an OID arc is beyond what the encoder writes) and parses again.
        auto encoded = precinct::identity::EncodeSecurityInfos(*infos);
        if (encoded && !precinct::identity::ParseSecurityInfos(*encoded)) std::abort();
    }
    (void)precinct::identity::ParseDg14(bytes);
    return 0;
}
