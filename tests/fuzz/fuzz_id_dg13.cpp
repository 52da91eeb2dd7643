// The Vietnamese DG13 parser; what it accepts must encode and parse again with the same name and number.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "precinct/identity/dg13.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto dg13 = precinct::identity::ParseDg13(precinct::identity::ByteView(data, size));
    if (!dg13) return 0;
    (void)precinct::identity::OldIdNumber(*dg13);
    // Re-encoding may add a few bytes (bare names wrapped in SEQUENCEs); stay well under the size limit.
    if (size > precinct::identity::kMaxDg13Bytes / 2) return 0;
    auto again = precinct::identity::ParseDg13(precinct::identity::EncodeDg13(*dg13));
    if (!again || again->full_name != dg13->full_name || again->personal_number != dg13->personal_number ||
        again->other.size() != dg13->other.size()) {
        std::abort();
    }
    return 0;
}
