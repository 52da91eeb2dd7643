// Fuzz target: the JSON request-body decoder and the strict field reader routes use on it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/settings.hpp"
#include "server/json_body.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto json = precinct::server::ParseJsonObject(text);
    if (!json) return 0;
    std::string username, password;
    std::int64_t limit = 0;
    bool flag = false;
    precinct::SettingsReader r(*json, "");
    r.Require("username").String("username", username, 64).String("password", password, 256)
        .Int("limit", limit, 0, 1000).Bool("flag", flag);
    (void)r.Finish();
    return 0;
}
