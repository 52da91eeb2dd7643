// Tests for the explainable priority rules.
#include "priority.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "text/fold.hpp"

namespace precinct::dispatch {
namespace {

using Strings = std::vector<std::string>;

TEST(AssessPriority, FireWithPeopleTrappedInEveryWriting) {
    for (const char* description :
         {"Cháy nhà, có người mắc kẹt!", "chay nha, co nguoi mac ket", "CHÁY NHÀ CÓ NGƯỜI MẮC KẸT",
          "Cha\u0301y nha\u0300, co\u0301 ngu\u031Bo\u031B\u0300i ma\u0306\u0301c ke\u0323t"}) {
        const auto d = AssessPriority(Category::kFire, description);
        EXPECT_EQ(d.priority, Priority::kP1) << description;
        EXPECT_EQ(d.rule, "fire.people_trapped") << description;
        EXPECT_EQ(d.matched, Strings{"mắc kẹt"}) << description;  // once, not also as "kẹt"
        EXPECT_EQ(d.reason_vi, "Có người mắc kẹt → P1");
        EXPECT_EQ(d.reason_en, "People trapped → P1");
    }
    const auto en = AssessPriority(Category::kFire, "House fire, two people TRAPPED on the 3rd floor");
    EXPECT_EQ(en.priority, Priority::kP1);
    EXPECT_EQ(en.rule, "fire.people_trapped");
    EXPECT_EQ(en.matched, Strings{"trapped"});
    const auto locked = AssessPriority(Category::kRescue, "Bé bị nhốt trong xe ô tô");
    EXPECT_EQ(locked.rule, "rescue.people_trapped");
    EXPECT_EQ(locked.matched, Strings{"bị nhốt"});
}

TEST(AssessPriority, FireWithoutKeywordsIsTheBaseRule) {
    const auto d = AssessPriority(Category::kFire, "Cháy kho hàng ở Long Biên");
    EXPECT_EQ(d.priority, Priority::kP1);
    EXPECT_EQ(d.rule, "fire.base");
    EXPECT_EQ(d.reason_vi, "Danh mục FIRE: mặc định P1");
    EXPECT_EQ(d.reason_en, "Category FIRE: default P1");
    EXPECT_TRUE(d.matched.empty());
}

TEST(AssessPriority, PropertyCrimePastOrInProgress) {
    const auto past = AssessPriority(Category::kCrimeProperty, "Bị trộm xe máy tối qua trước cửa nhà");
    EXPECT_EQ(past.priority, Priority::kP3);
    EXPECT_EQ(past.rule, "crime_property.base");
    EXPECT_EQ(past.reason_vi, "Danh mục CRIME-PROPERTY: mặc định P3");

    const auto now = AssessPriority(Category::kCrimeProperty, "Kẻ trộm đang cạy cửa nhà hàng xóm");
    EXPECT_EQ(now.priority, Priority::kP2);
    EXPECT_EQ(now.rule, "crime_property.in_progress");
    EXPECT_EQ(now.matched, Strings{"đang"});
    EXPECT_EQ(now.reason_en, "In progress → P2");

    const auto en = AssessPriority(Category::kCrimeProperty, "Burglary in progress at number 12");
    EXPECT_EQ(en.priority, Priority::kP2);
    EXPECT_EQ(en.matched, Strings{"in progress"});

    // "đáng ngờ" (suspicious) folds like "đang ngờ" but is not "in progress".
    const auto suspicious = AssessPriority(Category::kCrimeProperty, "Có người đáng ngờ lảng vảng, mất xe đạp");
    EXPECT_EQ(suspicious.priority, Priority::kP3);
}

TEST(AssessPriority, WeaponInPublicOrder) {
    const auto d = AssessPriority(Category::kPublicOrder, "man with a knife shouting outside the market");
    EXPECT_EQ(d.priority, Priority::kP1);
    EXPECT_EQ(d.rule, "public_order.weapon");
    EXPECT_EQ(d.matched, Strings{"knife"});
    EXPECT_EQ(d.reason_en, "Weapon involved → P1");

    const auto vi = AssessPriority(Category::kPublicOrder, "Hai nhóm thanh niên cầm dao, mã tấu đánh nhau");
    EXPECT_EQ(vi.priority, Priority::kP1);
    EXPECT_EQ(vi.matched, (Strings{"dao", "mã tấu"}));

    const auto plain = AssessPriority(Category::kPublicOrder, "Hát karaoke to quá 23 giờ");
    EXPECT_EQ(plain.priority, Priority::kP3);
    EXPECT_EQ(plain.rule, "public_order.base");
}

TEST(AssessPriority, InfoStaysP4) {
    const auto d = AssessPriority(Category::kInfo, "Tôi bị mất ví ở chợ Đồng Xuân");
    EXPECT_EQ(d.priority, Priority::kP4);
    EXPECT_EQ(d.rule, "info.base");
    EXPECT_EQ(d.reason_vi, "Danh mục INFO: mặc định P4");
    // Addresses in INFO are full of "Đào ..." street names; the weapon rule does not apply there.
    EXPECT_EQ(AssessPriority(Category::kInfo, "Nhặt được ví ở phố Đào Tấn").priority, Priority::kP4);
}

TEST(AssessPriority, ChildWordsRaise) {
    // A lost child reported as INFO is at least P2.
    const auto lost = AssessPriority(Category::kInfo, "Tìm trẻ em bị lạc ở công viên Thống Nhất");
    EXPECT_EQ(lost.priority, Priority::kP2);
    EXPECT_EQ(lost.rule, "info.child_involved");
    EXPECT_EQ(lost.matched, Strings{"trẻ em"});
    EXPECT_EQ(AssessPriority(Category::kPublicOrder, "a kid is lost near the lake").priority, Priority::kP2);

    // CHILD-PROTECTION is P2 by default (a child word only restates that) and P1 with danger words.
    const auto report = AssessPriority(Category::kChildProtection, "Nghi ngờ cháu bé hàng xóm bị bạo hành");
    EXPECT_EQ(report.priority, Priority::kP2);
    EXPECT_EQ(report.rule, "child_protection.child_involved");
    const auto newborn = AssessPriority(Category::kChildProtection, "Em bé sơ sinh bị bỏ rơi trước cổng chùa");
    EXPECT_EQ(newborn.priority, Priority::kP1);
    EXPECT_EQ(newborn.rule, "child_protection.child_danger");
    EXPECT_EQ(newborn.matched, (Strings{"sơ sinh", "bị bỏ rơi"}));
    const auto beaten = AssessPriority(Category::kChildProtection, "chau be dang bi danh ngay luc nay");
    EXPECT_EQ(beaten.priority, Priority::kP1);
    EXPECT_EQ(beaten.matched, Strings{"đang bị đánh"});
    // General danger rules apply too; ties go to the earlier rule in the table.
    const auto bleeding = AssessPriority(Category::kChildProtection, "Cháu bé bị đánh đập, chảy máu đầu");
    EXPECT_EQ(bleeding.priority, Priority::kP1);
    EXPECT_EQ(bleeding.rule, "child_protection.serious_injury");
}

TEST(AssessPriority, TrafficLevels) {
    EXPECT_EQ(AssessPriority(Category::kTraffic, "Va chạm giữa hai xe máy, không ai bị thương").priority,
              Priority::kP3);
    const auto injured = AssessPriority(Category::kTraffic, "Tai nạn xe máy, một người bị thương ở chân");
    EXPECT_EQ(injured.priority, Priority::kP2);
    EXPECT_EQ(injured.rule, "traffic.injury");
    const auto trapped = AssessPriority(Category::kTraffic, "Xe tải lật, tài xế bị kẹt trong cabin");
    EXPECT_EQ(trapped.priority, Priority::kP1);
    EXPECT_EQ(trapped.rule, "traffic.people_trapped");
    const auto burning = AssessPriority(Category::kTraffic, "Ô tô bốc cháy trên cầu Chương Dương");
    EXPECT_EQ(burning.priority, Priority::kP1);
    EXPECT_EQ(burning.rule, "traffic.vehicle_fire");
    const auto unconscious = AssessPriority(Category::kTraffic, "Người đi xe máy bất tỉnh, bị thương");
    EXPECT_EQ(unconscious.rule, "traffic.unconscious");
    // A traffic jam is not entrapment; "bỏ chạy" (fled) is not fire.
    EXPECT_EQ(AssessPriority(Category::kTraffic, "Kẹt xe kéo dài ở ngã tư Sở").priority, Priority::kP3);
    EXPECT_EQ(AssessPriority(Category::kTraffic, "Tông xe rồi bỏ chạy").priority, Priority::kP3);
}

TEST(AssessPriority, OtherBaseCategories) {
    EXPECT_EQ(AssessPriority(Category::kCrimeViolent, "").rule, "crime_violent.base");
    EXPECT_EQ(AssessPriority(Category::kCrimeViolent, "").priority, Priority::kP1);
    EXPECT_EQ(AssessPriority(Category::kMedical, "Người già sốt cao").priority, Priority::kP2);
    EXPECT_EQ(AssessPriority(Category::kMedical, "ông cụ ngừng thở").priority, Priority::kP1);
    EXPECT_EQ(AssessPriority(Category::kDisaster, "Sạt lở đất").priority, Priority::kP1);
    EXPECT_EQ(AssessPriority(Category::kCyberFraud, "Bị lừa đảo chuyển tiền").priority, Priority::kP2);
    EXPECT_EQ(AssessPriority(Category::kCyberFraud, "Bị lừa đảo chuyển tiền").rule, "cyber_fraud.base");
    EXPECT_EQ(AssessPriority(Category::kRescue, "Người rơi xuống giếng").priority, Priority::kP1);
    EXPECT_EQ(AssessPriority(Category::kPublicOrder, "Có mùi gas nồng nặc ở chung cư").rule,
              "public_order.explosion_gas");
    EXPECT_EQ(AssessPriority(Category::kPublicOrder, "Em trai tôi bị đuối nước ở hồ").rule, "public_order.drowning");
    EXPECT_EQ(AssessPriority(Category::kPublicOrder, "Bắt cóc trẻ em ở cổng trường").rule, "public_order.hostage");
}

TEST(AssessPriority, MatchesWholeTokensAndConsecutivePhrases) {
    // "dao" must not fire inside another token.
    EXPECT_EQ(AssessPriority(Category::kPublicOrder, "daodong daoo kdao").priority, Priority::kP3);
    EXPECT_EQ(AssessPriority(Category::kPublicOrder, "cầm con dao").priority, Priority::kP1);
    EXPECT_EQ(AssessPriority(Category::kPublicOrder, "cầm con dao.").priority, Priority::kP1);
    // Multi-word phrases need consecutive tokens.
    EXPECT_EQ(AssessPriority(Category::kMedical, "not, he is breathing").priority, Priority::kP2);
    EXPECT_EQ(AssessPriority(Category::kMedical, "he is not breathing").priority, Priority::kP1);
    EXPECT_EQ(AssessPriority(Category::kPublicOrder, "leak of gas").priority, Priority::kP3);
    EXPECT_EQ(AssessPriority(Category::kPublicOrder, "gas leak").priority, Priority::kP1);
}

TEST(AssessPriority, ExceptionsHideKnownOtherMeanings) {
    // "lừa đảo" (fraud), "đi dạo" (a walk), "dao động" (fluctuating) all fold to contain "dao".
    EXPECT_EQ(AssessPriority(Category::kPublicOrder, "Nhóm lừa đảo tụ tập gây rối").priority, Priority::kP3);
    EXPECT_EQ(AssessPriority(Category::kPublicOrder, "Đang đi dạo thì bị xin đểu").priority, Priority::kP3);
    EXPECT_EQ(AssessPriority(Category::kPublicOrder, "Số người dao động 20 đến 30").priority, Priority::kP3);
    // "bổ sung" (to add) and "sưng" (swollen) fold to contain "sung".
    EXPECT_EQ(AssessPriority(Category::kMedical, "Bị sưng đau chân, bổ sung thông tin").priority, Priority::kP2);
    // An exception only hides its own tokens: a real knife later still counts.
    const auto d = AssessPriority(Category::kPublicOrder, "nhóm lừa đảo rút dao ra dọa");
    EXPECT_EQ(d.priority, Priority::kP1);
    EXPECT_EQ(d.matched, Strings{"dao"});
}

TEST(AssessPriority, DocumentedFalsePositivesStillFire) {
    // Kept on purpose as a record: a street named after Đào Tấn reads as "knife" in PUBLIC-ORDER.
    EXPECT_EQ(AssessPriority(Category::kPublicOrder, "Tụ tập đông người ở phố Đào Tấn").rule, "public_order.weapon");
}

TEST(PriorityRules, TableIsWellFormed) {
    std::set<std::string> ids;
    for (const auto& rule : PriorityRules()) {
        EXPECT_TRUE(ids.insert(rule.id).second) << "duplicate id " << rule.id;
        EXPECT_FALSE(rule.categories.empty()) << rule.id;
        EXPECT_FALSE(rule.phrases.empty()) << rule.id;
        EXPECT_FALSE(rule.reason_vi.empty()) << rule.id;
        EXPECT_FALSE(rule.reason_en.empty()) << rule.id;
        EXPECT_NE(rule.reason_en.find(std::string(PriorityCode(rule.priority))), std::string::npos) << rule.id;
        for (const auto& phrase : rule.phrases) {
            EXPECT_FALSE(text::FoldVietnamese(phrase).empty()) << rule.id << ": " << phrase;
        }
        // Every exception must contain one of the rule's phrases, or it hides nothing.
        for (const auto& exception : rule.exceptions) {
            const std::string folded = " " + text::FoldVietnamese(exception) + " ";
            bool covers = false;
            for (const auto& phrase : rule.phrases) {
                covers = covers || folded.find(" " + text::FoldVietnamese(phrase) + " ") != std::string::npos;
            }
            EXPECT_TRUE(covers) << rule.id << ": exception '" << exception << "' hides no keyword";
        }
    }
    EXPECT_TRUE(ids.count("people_trapped"));
    for (const Category c : kAllCategories) {
        const auto d = AssessPriority(c, "");
        EXPECT_EQ(d.priority, BasePriority(c));
        EXPECT_EQ(d.rule.substr(d.rule.size() - 5), ".base");
        EXPECT_FALSE(d.reason_vi.empty());
    }
}

TEST(PriorityRules, BasePrioritiesFollowTheSpec) {
    EXPECT_EQ(BasePriority(Category::kCrimeViolent), Priority::kP1);
    EXPECT_EQ(BasePriority(Category::kCrimeProperty), Priority::kP3);
    EXPECT_EQ(BasePriority(Category::kPublicOrder), Priority::kP3);
    EXPECT_EQ(BasePriority(Category::kTraffic), Priority::kP3);
    EXPECT_EQ(BasePriority(Category::kFire), Priority::kP1);
    EXPECT_EQ(BasePriority(Category::kRescue), Priority::kP1);
    EXPECT_EQ(BasePriority(Category::kMedical), Priority::kP2);
    EXPECT_EQ(BasePriority(Category::kDisaster), Priority::kP1);
    EXPECT_EQ(BasePriority(Category::kChildProtection), Priority::kP2);
    EXPECT_EQ(BasePriority(Category::kCyberFraud), Priority::kP2);
    EXPECT_EQ(BasePriority(Category::kInfo), Priority::kP4);
}

TEST(Priority, NoOneSeenTrappedDoesNotFireTheTrappedRule) {
    const auto d = AssessPriority(Category::kPublicOrder, "Khói bốc lên từ kho hàng, chưa thấy người bị kẹt");
    EXPECT_NE(d.rule, "public_order.people_trapped");
    EXPECT_EQ(d.priority, Priority::kP3);
}

}  // namespace
}  // namespace precinct::dispatch
