// The printed-data parsers on text: the MRZ (and DG1, EF.COM on the same bytes), the personal number and the
// text of the card's QR code.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "precinct/identity/mrz.hpp"
#include "precinct/identity/personal_number.hpp"
#include "precinct/identity/qr.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto mrz = precinct::identity::ParseMrz(text);
    if (mrz) {
        (void)precinct::identity::FormatName(*mrz);
        (void)precinct::identity::CccdPersonalNumber(*mrz);
    }
    (void)precinct::identity::ParseDg1(precinct::identity::ByteView(data, size));
    (void)precinct::identity::ParseCom(precinct::identity::ByteView(data, size));
    auto qr = precinct::identity::ParseCccdQr(text);
    if (qr) {
        (void)precinct::identity::ParsePersonalNumber(qr->personal_number, qr->date_of_birth);
    }
    // The first 12 bytes as a personal number, the next 10 as an ISO date.
    if (size >= 12) {
        std::optional<std::string> dob;
        if (size >= 22) dob = std::string(text.substr(12, 10));
        (void)precinct::identity::ParsePersonalNumber(text.substr(0, 12), dob);
    }
    (void)precinct::identity::MaskPersonalNumber(text);
    return 0;
}
