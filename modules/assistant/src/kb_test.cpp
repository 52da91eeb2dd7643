// Tests for the knowledge-base loader: the shipped files load, and every kind of error names file and line.
#include "kb.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace precinct::assistant {
namespace {

const std::filesystem::path kData = PRECINCT_SOURCE_DATA_DIR;

constexpr const char* kGood = R"(
[[procedures]]
id = "test.one"
title_vi = "Đăng ký tạm trú"
title_en = "Temporary residence"
aliases = ["đăng ký KT3", "tạm trú"]
questions = ["Đăng ký tạm trú ở đâu?", "How to register?"]
summary_vi = "Tóm tắt."
summary_en = "Summary."
who_vi = "Ai."
who_en = "Who."
documents_vi = ["Tờ khai CT01"]
documents_en = ["Form CT01"]
steps_vi = ["Nộp hồ sơ"]
steps_en = ["Submit"]
where_vi = "Công an xã."
where_en = "Commune police."
channels = ["in_person", "vneid"]
online = "full"
time_vi = "3 ngày làm việc."
time_en = "3 working days."
fee_vi = "15.000 đồng ⚠"
fee_en = "15,000 VND ⚠"
unconfirmed = ["fee"]
checked = 2026-11-20
[[procedures.legal]]
instrument = "Luật Cư trú số 68/2020/QH14"
instrument_en = "Law on Residence 68/2020/QH14"
article = "Điều 27"
article_en = "Art. 27"

[[faq]]
id = "test.faq"
title_vi = "Số khẩn cấp"
title_en = "Emergency numbers"
aliases = ["113", "114"]
questions = ["Số công an là gì?", "Police number?"]
answer_vi = "Gọi 113."
answer_en = "Call 113."
checked = 2026-11-20
)";

TEST(KnowledgeBase, ParsesProceduresAndCommonQuestions) {
    KnowledgeBase kb;
    std::vector<std::string> errors;
    KnowledgeBase::ParseInto(kb, kGood, "good.toml", errors);
    ASSERT_TRUE(errors.empty()) << errors.front();
    ASSERT_EQ(kb.entries().size(), 2u);
    const Entry* e = kb.Find("test.one");
    ASSERT_NE(e, nullptr);
    EXPECT_EQ(e->online, Online::kFull);
    EXPECT_TRUE(e->IsUnconfirmed(Facet::kFee));
    EXPECT_FALSE(e->IsUnconfirmed(Facet::kTime));
    EXPECT_EQ(e->checked, "2026-11-20");
    ASSERT_EQ(e->legal.size(), 1u);
    EXPECT_EQ(e->legal[0].article_en, "Art. 27");
    EXPECT_EQ(e->line, 2);
    EXPECT_TRUE(kb.Find("test.faq")->faq);
    EXPECT_EQ(kb.procedures(), 1u);
    EXPECT_EQ(kb.faqs(), 1u);
}

std::vector<std::string> ErrorsOf(std::string text) {
    KnowledgeBase kb;
    std::vector<std::string> errors;
    KnowledgeBase::ParseInto(kb, text, "bad.toml", errors);
    return errors;
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
    const auto at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) s.replace(at, from.size(), to);
    return s;
}

TEST(KnowledgeBase, NamesFileAndLineOfEachError) {
    auto e = ErrorsOf(Replace(kGood, "online = \"full\"", "online = \"sometimes\""));
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0], "bad.toml:19: online: full, partial or no");

    e = ErrorsOf(Replace(kGood, "fee_en = \"15,000 VND ⚠\"\n", ""));
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0], "bad.toml:2: fee_en: is required");

    e = ErrorsOf(Replace(kGood, "unconfirmed = [\"fee\"]\n", ""));
    ASSERT_EQ(e.size(), 1u);
    EXPECT_NE(e[0].find("fee_vi carries ⚠"), std::string::npos);

    e = ErrorsOf(Replace(kGood, "checked = 2026-11-20\n[[procedures.legal]]", "checked = \"yesterday\"\n[[procedures.legal]]"));
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0], "bad.toml:25: checked: must be a TOML date such as 2026-11-20");

    e = ErrorsOf(Replace(kGood, "channels = [\"in_person\", \"vneid\"]", "channels = [\"fax\"]"));
    ASSERT_EQ(e.size(), 1u);
    EXPECT_NE(e[0].find("bad.toml:18: channels: unknown channel \"fax\""), std::string::npos);

    e = ErrorsOf(Replace(kGood, "aliases = [\"đăng ký KT3\", \"tạm trú\"]", "aliases = [\"tạm trú\"]\nfax = 1"));
    ASSERT_EQ(e.size(), 2u);
    EXPECT_NE(e[0].find("fax: unknown key"), std::string::npos);
    EXPECT_NE(e[1].find("aliases: needs at least 2 items"), std::string::npos);
}

TEST(KnowledgeBase, RefusesMissingLegalBasisAndRepeatedIds) {
    const std::string without_legal = std::string(kGood).substr(0, std::string(kGood).find("[[procedures.legal]]"));
    auto e = ErrorsOf(without_legal);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_NE(e[0].find("legal: at least one"), std::string::npos);

    e = ErrorsOf(Replace(kGood, "id = \"test.faq\"", "id = \"test.one\""));
    ASSERT_EQ(e.size(), 1u);
    EXPECT_NE(e[0].find("id \"test.one\" is already used at bad.toml:2"), std::string::npos);
}

TEST(KnowledgeBase, ReportsTomlSyntaxErrorsWithTheirLine) {
    auto e = ErrorsOf("[[procedures]]\nid = \"x.y\"\ntitle_vi = \n");
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].rfind("bad.toml:3:", 0), 0u) << e[0];
}

TEST(KnowledgeBase, TheShippedKnowledgeBaseIsValidAndBigEnough) {
    auto kb = KnowledgeBase::LoadDirectory(kData / "kb");
    ASSERT_TRUE(kb) << kb.error().message;
    EXPECT_GE(kb->procedures(), 40u);
    EXPECT_GE(kb->faqs(), 5u);
    for (const Entry& e : kb->entries()) {
        EXPECT_FALSE(e.title_vi.empty());
        if (!e.faq) {
            EXPECT_FALSE(e.legal.empty()) << e.id;
        }
    }
    // The emergency numbers are there, and something the spec marks unconfirmed is marked.
    EXPECT_NE(kb->Find("general.emergency-numbers"), nullptr);
    const Entry* passport = kb->Find("passport.issue");
    ASSERT_NE(passport, nullptr);
    EXPECT_TRUE(passport->IsUnconfirmed(Facet::kTime));  // "8 / 5 ⚠" in the spec
}

TEST(KnowledgeBase, ADirectoryWithoutEntriesIsAnError) {
    const auto dir = std::filesystem::path(::testing::TempDir()) / "empty_kb";
    std::filesystem::create_directories(dir);
    auto kb = KnowledgeBase::LoadDirectory(dir);
    ASSERT_FALSE(kb);
    EXPECT_NE(kb.error().message.find("no [[procedures]]"), std::string::npos);
}

}  // namespace
}  // namespace precinct::assistant
