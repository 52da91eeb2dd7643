#pragma once
// A cheap anti-bot measure that needs no third party: before filing a report, the citizen's browser finds a
// nonce such that SHA-256(challenge ":" nonce) starts with `bits` zero bits (2^bits hashes on average: 16 bits
// is about 65,000 hashes, a fraction of a second in a phone's browser, but a real cost for a bot filing
// thousands). Challenges are stateless — an HMAC under a per-process secret over the issue time and a random
// value — expire after a while, and each is accepted once.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <utility>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace precinct::reports {

struct Challenge {
    std::string token;  // "<issued ms>.<random hex>.<hmac hex>"
    int bits = 0;
    TimePoint expires_at;
};

class ProofOfWork {
public:
    ProofOfWork(const Clock& clock, int bits, std::chrono::seconds lifetime);
    Challenge Issue();
    // Ok if `nonce` solves `token`, the token is ours, unexpired and not used before (then it is used up).
    // Errors are kInvalidArgument naming "pow".
    Status Verify(const std::string& token, const std::string& nonce);
    int bits() const { return bits_; }

    // Whether SHA-256(token ":" nonce) starts with `bits` zero bits (exposed for tests and tools).
    static bool Solves(const std::string& token, const std::string& nonce, int bits);
    // Finds a nonce by brute force (tests, benchmarks, simulation clients).
    static std::string Solve(const std::string& token, int bits);

private:
    const Clock& clock_;
    int bits_;
    std::chrono::seconds lifetime_;
    std::string secret_;
    std::mutex mutex_;
    std::set<std::pair<std::int64_t, std::string>> used_;  // (issued ms, token) until expiry
};

}  // namespace precinct::reports
