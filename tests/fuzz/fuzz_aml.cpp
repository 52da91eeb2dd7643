// Fuzz target: the AML SMS parser, on the text form and on the same bytes read as a GSM 7-bit packed payload.
// Besides not crashing, every string the parser hands back must be printable ASCII: the result goes straight
// into JSON answers and error `field`s, and nlohmann::json refuses to dump invalid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>

#include "aml.hpp"

namespace {

void RequirePrintable(std::string_view text) {
    for (const char c : text) {
        if (c < 0x20 || c > 0x7E) std::abort();
    }
}

void Check(const precinct::Result<precinct::dispatch::AmlMessage>& parsed) {
    if (!parsed) {
        RequirePrintable(parsed.error().message);
        RequirePrintable(parsed.error().field);
        return;
    }
    const auto& m = *parsed;
    if (m.has_fix != m.Location().has_value()) std::abort();
    for (const std::string* s : {&m.positioning_method, &m.imsi, &m.imei, &m.mcc, &m.mnc, &m.home_mcc, &m.home_mnc,
                                 &m.emergency_number, &m.language}) {
        RequirePrintable(*s);
    }
    for (const auto& key : m.unknown_keys) RequirePrintable(key);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    Check(precinct::dispatch::ParseAml(text));
    const std::span<const std::uint8_t> bytes(data, size);
    Check(precinct::dispatch::ParseAmlBinary(bytes));
    (void)precinct::dispatch::UnpackGsm7(bytes, size * 8 / 7 + 3);
    return 0;
}
