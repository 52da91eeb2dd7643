// Fuzz target: the AML SMS parser, on the text form and on the same bytes read as a GSM 7-bit packed payload.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "aml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = precinct::dispatch::ParseAml(text);
    if (parsed) {
        // Touch what a consumer would read.
        (void)parsed->Location();
        (void)parsed->unknown_keys.size();
    } else {
        (void)parsed.error().message.size();
    }
    const std::span<const std::uint8_t> bytes(data, size);
    (void)precinct::dispatch::ParseAmlBinary(bytes);
    (void)precinct::dispatch::UnpackGsm7(bytes, size * 8 / 7 + 3);
    return 0;
}
