// The MRZ parser on text, and on DG1 files.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "precinct/identity/mrz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto mrz = precinct::identity::ParseMrz(std::string_view(reinterpret_cast<const char*>(data), size));
    if (mrz) {
        (void)precinct::identity::FormatName(*mrz);
        (void)precinct::identity::CccdPersonalNumber(*mrz);
    }
    (void)precinct::identity::ParseDg1(precinct::identity::ByteView(data, size));
    (void)precinct::identity::ParseCom(precinct::identity::ByteView(data, size));
    return 0;
}
