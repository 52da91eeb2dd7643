#include "verdict.hpp"

#include <gtest/gtest.h>

namespace precinct::identity {
namespace {

VerdictInputs Authentic() {
    VerdictInputs in;
    in.signature_ok = true;
    in.hashes_ok = true;
    in.chain_ok = true;
    in.have_trust_anchors = true;
    in.certificates_valid = true;
    in.session.live = true;
    in.session.chip_authentication = {true, true, true, "CA-ECDH-AES-CBC-CMAC-128", ""};
    in.session.active_authentication = {true, true, true, "AA-ECDSA-SHA256", ""};
    return in;
}

TEST(Verdict, FollowsTheRuleCaseByCase) {
    struct Case {
        const char* name;
        void (*change)(VerdictInputs&);
        Verdict expected;
    } cases[] = {
        {"both proofs pass", [](VerdictInputs&) {}, Verdict::kGenuine},
        {"CA passes, AA not run", [](VerdictInputs& in) { in.session.active_authentication.performed = false; },
         Verdict::kGenuine},
        {"only AA announced and passes",
         [](VerdictInputs& in) { in.session.chip_authentication = {}; }, Verdict::kGenuine},
        {"AA fails", [](VerdictInputs& in) { in.session.active_authentication.passed = false; },
         Verdict::kCloneSuspected},
        {"CA fails, AA passes", [](VerdictInputs& in) { in.session.chip_authentication.passed = false; },
         Verdict::kCloneSuspected},
        {"dump", [](VerdictInputs& in) {
             in.session.live = false;
             in.session.chip_authentication.performed = false;
             in.session.active_authentication.performed = false;
         },
         Verdict::kChipNotProven},
        {"no proof announced", [](VerdictInputs& in) {
             in.session.chip_authentication = {};
             in.session.active_authentication = {};
         },
         Verdict::kChipNotProven},
        {"bad signature", [](VerdictInputs& in) { in.signature_ok = false; }, Verdict::kAltered},
        {"hash mismatch", [](VerdictInputs& in) { in.hashes_ok = false; }, Verdict::kAltered},
        {"altered beats untrusted", [](VerdictInputs& in) {
             in.hashes_ok = false;
             in.chain_ok = false;
         },
         Verdict::kAltered},
        {"no chain", [](VerdictInputs& in) { in.chain_ok = false; }, Verdict::kUntrusted},
        {"certificate expired", [](VerdictInputs& in) { in.certificates_valid = false; }, Verdict::kExpired},
        {"document expired", [](VerdictInputs& in) { in.document_expired = true; }, Verdict::kExpired},
        {"unreadable", [](VerdictInputs& in) { in.readable = false; }, Verdict::kUnreadable},
    };
    for (const auto& c : cases) {
        VerdictInputs in = Authentic();
        c.change(in);
        auto out = DecideVerdict(in);
        EXPECT_EQ(out.verdict, c.expected) << c.name;
        EXPECT_FALSE(out.sentence_vi.empty()) << c.name;
        EXPECT_FALSE(out.sentence_en.empty()) << c.name;
        ASSERT_GE(out.reasoning.size(), 2u) << c.name;
        EXPECT_NE(out.reasoning.front().find("Passive authentication alone cannot tell a clone"), std::string::npos);
        EXPECT_NE(out.reasoning.back().find(std::string("Verdict ") + std::string(VerdictName(c.expected))),
                  std::string::npos)
            << c.name << ": " << out.reasoning.back();
    }
}

}  // namespace
}  // namespace precinct::identity
