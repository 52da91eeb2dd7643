#include "auth/password.hpp"

#include <argon2.h>
#include <fmt/format.h>

#include "core/crypto.hpp"

namespace precinct::auth {

Result<std::string> HashPassword(std::string_view password, const PasswordParams& p) {
    if (password.size() < kMinPasswordLength || password.size() > kMaxPasswordLength) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("password must be {} to {} characters", kMinPasswordLength, kMaxPasswordLength),
                    "password");
    }
    const auto salt = RandomBytes(16);
    constexpr std::size_t kHashLen = 32;
    const std::size_t encoded_len = argon2_encodedlen(static_cast<uint32_t>(p.iterations),
                                                      static_cast<uint32_t>(p.memory_kib),
                                                      static_cast<uint32_t>(p.parallelism), 16, kHashLen, Argon2_id);
    std::string encoded(encoded_len, '\0');
    const int rc = argon2id_hash_encoded(static_cast<uint32_t>(p.iterations), static_cast<uint32_t>(p.memory_kib),
                                         static_cast<uint32_t>(p.parallelism), password.data(), password.size(),
                                         salt.data(), salt.size(), kHashLen, encoded.data(), encoded.size());
    if (rc != ARGON2_OK) {
        return Fail(ErrorCode::kInternal, fmt::format("argon2id failed: {}", argon2_error_message(rc)));
    }
    encoded.resize(std::char_traits<char>::length(encoded.c_str()));
    return encoded;
}

bool VerifyPassword(std::string_view encoded_hash, std::string_view password) {
    if (password.size() > kMaxPasswordLength) return false;
    const std::string encoded(encoded_hash);
    return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

}  // namespace precinct::auth
