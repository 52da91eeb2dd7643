#include "verdict.hpp"

#include <fmt/format.h>

namespace precinct::identity {

namespace {

std::string Join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
    return out;
}

// What the chip proved. `any_supported`: its files announce CA or AA; `any_passed`: one of them succeeded live;
// `any_failed`: one that was run failed (one failure outweighs any success: a clone may carry a real chip's AA
// answer relay but not its CA key, or the reverse).
struct ProofSummary {
    bool any_supported = false;
    bool any_passed = false;
    bool any_failed = false;
};

ProofSummary Summarize(const SessionRecord& s) {
    ProofSummary p;
    for (const ChipProof* proof : {&s.chip_authentication, &s.active_authentication}) {
        if (!proof->supported) continue;
        p.any_supported = true;
        if (!proof->performed) continue;
        if (proof->passed) {
            p.any_passed = true;
        } else {
            p.any_failed = true;
        }
    }
    return p;
}

std::string ProofLine(const char* name, const ChipProof& p) {
    if (!p.supported) return fmt::format("{}: not announced by the chip's files.", name);
    if (!p.performed) return fmt::format("{}: announced, but not run against a live chip.", name);
    return fmt::format("{} ({}): {}{}", name, p.protocol, p.passed ? "passed" : "FAILED",
                       p.detail.empty() ? "." : " — " + p.detail + ".");
}

}  // namespace

std::string_view VerdictName(Verdict verdict) {
    switch (verdict) {
        case Verdict::kGenuine: return "genuine";
        case Verdict::kCloneSuspected: return "clone_suspected";
        case Verdict::kChipNotProven: return "chip_not_proven";
        case Verdict::kAltered: return "altered";
        case Verdict::kUntrusted: return "untrusted";
        case Verdict::kExpired: return "expired";
        case Verdict::kUnreadable: return "unreadable";
    }
    return "unreadable";
}

VerdictOutcome DecideVerdict(const VerdictInputs& in) {
    VerdictOutcome out;
    auto& why = out.reasoning;
    why.push_back(
        "Rule: genuine only when passive authentication passes (SOD signature, document signer chained to a trusted "
        "CSCA, certificates valid, every data group's hash) AND the live chip proves it holds the private key of "
        "DG14 (chip authentication) or DG15 (active authentication) wherever its files announce them. Passive "
        "authentication alone cannot tell a clone: copied files carry the same valid signature.");
    if (!in.readable) {
        out.verdict = Verdict::kUnreadable;
        why.push_back("Verdict unreadable: the chip's files could not be read or parsed: " + in.unreadable_reason);
        out.sentence_vi = "Không đọc được dữ liệu chip: không thể xác thực thẻ.";
        out.sentence_en = "The chip's data could not be read: the card cannot be verified.";
        return out;
    }
    why.push_back(fmt::format("SOD signature: {}.", in.signature_ok ? "valid" : "INVALID"));
    why.push_back(in.hashes_ok ? "Data-group hashes: every present group matches EF.SOD."
                               : "Data-group hashes: MISMATCH for " + Join(in.hash_failures) + ".");
    if (!in.signature_ok || !in.hashes_ok) {
        out.verdict = Verdict::kAltered;
        why.push_back("Verdict altered: the data on the chip is not what the issuer signed.");
        out.sentence_vi = "Dữ liệu chip đã bị thay đổi so với dữ liệu do cơ quan cấp ký: thẻ không hợp lệ.";
        out.sentence_en = "The chip's data differs from what the issuer signed: the card is not valid.";
        return out;
    }
    why.push_back(in.chain_ok ? "Document signer: chains to a trusted CSCA."
                              : (in.have_trust_anchors ? "Document signer: does NOT chain to any trusted CSCA."
                                                       : "Document signer: no CSCA is trusted, so the chain cannot "
                                                         "be checked."));
    if (!in.chain_ok) {
        out.verdict = Verdict::kUntrusted;
        why.push_back("Verdict untrusted: the signature is intact but nothing ties its signer to the state.");
        out.sentence_vi =
            "Chữ ký trên chip còn nguyên vẹn nhưng không xác định được cơ quan cấp tin cậy (thiếu chứng thư CSCA).";
        out.sentence_en = "The chip's signature is intact but its signer is not trusted (no matching CSCA).";
        return out;
    }
    if (!in.certificates_valid || in.document_expired) {
        out.verdict = Verdict::kExpired;
        why.push_back("Verdict expired: " + in.expiry_detail);
        out.sentence_vi = "Thẻ hoặc chứng thư ký của thẻ đã hết hạn.";
        out.sentence_en = "The card or its signing certificate has expired.";
        return out;
    }
    why.push_back("Passive authentication passed: the data was issued by the state and is unaltered.");
    why.push_back(ProofLine("Chip authentication", in.session.chip_authentication));
    why.push_back(ProofLine("Active authentication", in.session.active_authentication));
    const ProofSummary p = Summarize(in.session);
    if (p.any_failed) {
        out.verdict = Verdict::kCloneSuspected;
        why.push_back(
            "Verdict clone_suspected: the chip could not prove it holds the key its own signed files name — the data "
            "was copied onto another chip.");
        out.sentence_vi = "Nghi thẻ sao chép: dữ liệu hợp lệ nhưng chip không chứng minh được khóa bí mật của nó.";
        out.sentence_en = "Suspected clone: the data is authentic but the chip could not prove its private key.";
        return out;
    }
    if (!in.session.live || !p.any_passed) {
        out.verdict = Verdict::kChipNotProven;
        if (!in.session.live) {
            why.push_back(
                "Verdict chip_not_proven: these files come from a dump, not a live chip; a copy of the files cannot "
                "prove the chip. Read the card itself to finish the check.");
        } else if (!p.any_supported) {
            why.push_back(
                "Verdict chip_not_proven: the chip announces neither chip nor active authentication, so a clone "
                "cannot be excluded.");
        } else {
            why.push_back("Verdict chip_not_proven: no announced chip proof was run.");
        }
        out.sentence_vi = "Dữ liệu hợp lệ, nhưng chưa chứng minh được chip là chip gốc.";
        out.sentence_en = "The data is authentic, but the chip has not been proven original.";
        return out;
    }
    out.verdict = Verdict::kGenuine;
    why.push_back("Verdict genuine: authentic data, read from the chip that holds its key.");
    out.sentence_vi = "Thẻ thật: dữ liệu do cơ quan cấp ký, nguyên vẹn, đọc từ chip gốc.";
    out.sentence_en = "Genuine card: data signed by the issuer, unaltered, read from the original chip.";
    return out;
}

}  // namespace precinct::identity
