// Fuzz target: the TOML configuration parser and the strict platform settings reader behind it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/config.hpp"
#include "server/platform_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto json = precinct::ParseToml(text, "fuzz.toml");
    if (json) (void)precinct::server::ParsePlatformConfig(*json);
    return 0;
}
