#include "proof_of_work.hpp"

#include <fmt/format.h>

#include <charconv>

#include "core/crypto.hpp"

namespace precinct::reports {
namespace {

Error Bad(std::string message) { return Error{ErrorCode::kInvalidArgument, std::move(message), "pow", 0}; }

}  // namespace

ProofOfWork::ProofOfWork(const Clock& clock, int bits, std::chrono::seconds lifetime)
    : clock_(clock), bits_(bits), lifetime_(lifetime), secret_(HexEncode(RandomBytes(32))) {}

Challenge ProofOfWork::Issue() {
    const auto now = clock_.Now();
    const std::string body = fmt::format("{}.{}", ToUnixMillis(now), HexEncode(RandomBytes(12)));
    return Challenge{fmt::format("{}.{}", body, HmacSha256Hex(secret_, body)), bits_, now + lifetime_};
}

bool ProofOfWork::Solves(const std::string& token, const std::string& nonce, int bits) {
    const auto digest = Sha256(token + ":" + nonce);
    int zero = 0;
    for (std::uint8_t byte : digest) {
        if (byte == 0) {
            zero += 8;
        } else {
            for (int b = 7; b >= 0 && !(byte & (1u << b)); --b) ++zero;
            break;
        }
        if (zero >= bits) break;
    }
    return zero >= bits;
}

std::string ProofOfWork::Solve(const std::string& token, int bits) {
    for (std::uint64_t n = 0;; ++n) {
        std::string nonce = std::to_string(n);
        if (Solves(token, nonce, bits)) return nonce;
    }
}

Status ProofOfWork::Verify(const std::string& token, const std::string& nonce) {
    if (token.size() > 200 || nonce.empty() || nonce.size() > 64)
        return Fail(Bad("pow: malformed challenge or answer"));
    const auto last_dot = token.rfind('.');
    if (last_dot == std::string::npos) return Fail(Bad("pow: malformed challenge"));
    const std::string body = token.substr(0, last_dot);
    if (!ConstantTimeEquals(token.substr(last_dot + 1), HmacSha256Hex(secret_, body))) {
        return Fail(
            Bad("pow: this challenge was not issued by this server (or the server restarted); ask for a new one"));
    }
    std::int64_t issued = 0;
    const auto first_dot = body.find('.');
    auto [ptr, ec] = std::from_chars(body.data(), body.data() + first_dot, issued);
    if (ec != std::errc() || ptr != body.data() + first_dot) return Fail(Bad("pow: malformed challenge"));
    const auto now = ToUnixMillis(clock_.Now());
    const auto life_ms = std::chrono::duration_cast<std::chrono::milliseconds>(lifetime_).count();
    if (now > issued + life_ms) return Fail(Bad("pow: the challenge expired; ask for a new one"));
    if (!Solves(token, nonce, bits_)) return Fail(Bad("pow: the answer does not solve the challenge"));
    std::lock_guard lock(mutex_);
    while (!used_.empty() && used_.begin()->first + life_ms < now) used_.erase(used_.begin());
    if (!used_.emplace(issued, token).second)
        return Fail(Bad("pow: the challenge was already used; ask for a new one"));
    return Ok();
}

}  // namespace precinct::reports
