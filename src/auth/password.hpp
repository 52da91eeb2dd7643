#pragma once
// Password hashing with argon2id (libargon2), in the PHC string format so parameters travel with the hash.
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace precinct::auth {

struct PasswordParams {
    int memory_kib = 19456;   // 19 MiB, t=2, p=1: the OWASP minimum for argon2id
    int iterations = 2;
    int parallelism = 1;
};

Result<std::string> HashPassword(std::string_view password, const PasswordParams& params);
// False for a wrong password and for a malformed hash alike.
bool VerifyPassword(std::string_view encoded_hash, std::string_view password);

inline constexpr std::size_t kMinPasswordLength = 10;
inline constexpr std::size_t kMaxPasswordLength = 256;

}  // namespace precinct::auth
