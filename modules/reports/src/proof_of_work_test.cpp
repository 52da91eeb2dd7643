#include "proof_of_work.hpp"

#include <gtest/gtest.h>

namespace precinct::reports {
namespace {

TEST(ProofOfWork, ASolvedChallengeIsAcceptedOnceAndOnlyWhileFresh) {
    FakeClock clock(FromUnixMillis(1'800'000'000'000));
    ProofOfWork pow(clock, 10, std::chrono::seconds(600));
    auto c = pow.Issue();
    const auto nonce = ProofOfWork::Solve(c.token, c.bits);
    EXPECT_TRUE(ProofOfWork::Solves(c.token, nonce, 10));
    EXPECT_TRUE(pow.Verify(c.token, nonce).has_value());
    auto again = pow.Verify(c.token, nonce);
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().field, "pow");

    auto late = pow.Issue();
    const auto late_nonce = ProofOfWork::Solve(late.token, late.bits);
    clock.Advance(std::chrono::minutes(11));
    EXPECT_FALSE(pow.Verify(late.token, late_nonce).has_value());
}

TEST(ProofOfWork, ForgedOrUnsolvedChallengesAreRefused) {
    FakeClock clock(FromUnixMillis(1'800'000'000'000));
    ProofOfWork pow(clock, 12, std::chrono::seconds(600));
    ProofOfWork other(clock, 12, std::chrono::seconds(600));
    auto theirs = other.Issue();
    EXPECT_FALSE(pow.Verify(theirs.token, ProofOfWork::Solve(theirs.token, 12)).has_value());
    auto c = pow.Issue();
    std::string wrong = "0";
    while (ProofOfWork::Solves(c.token, wrong, 12)) wrong += "0";
    EXPECT_FALSE(pow.Verify(c.token, wrong).has_value());
    EXPECT_FALSE(pow.Verify("garbage", "1").has_value());
    EXPECT_FALSE(pow.Verify(c.token + "x", "1").has_value());
}

}  // namespace
}  // namespace precinct::reports
