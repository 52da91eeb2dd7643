#include "units.hpp"

#include <gtest/gtest.h>

#include <set>
#include <utility>

namespace precinct::dispatch {
namespace {

constexpr std::array kAllStatuses = {UnitStatus::kAvailable, UnitStatus::kDispatched, UnitStatus::kEnRoute,
                                     UnitStatus::kOnScene,   UnitStatus::kClearing,   UnitStatus::kOutOfService};

TEST(UnitTransitions, ExactlyTheDocumentedGraph) {
    using S = UnitStatus;
    const std::set<std::pair<S, S>> allowed = {
        {S::kAvailable, S::kDispatched},   {S::kDispatched, S::kEnRoute},     {S::kDispatched, S::kAvailable},
        {S::kEnRoute, S::kOnScene},        {S::kEnRoute, S::kAvailable},      {S::kOnScene, S::kClearing},
        {S::kClearing, S::kAvailable},     {S::kAvailable, S::kOutOfService}, {S::kClearing, S::kOutOfService},
        {S::kOutOfService, S::kAvailable},
    };
    int count = 0;
    for (S from : kAllStatuses) {
        for (S to : kAllStatuses) {
            const bool expected = allowed.count({from, to}) > 0;
            EXPECT_EQ(CanTransition(from, to), expected) << UnitStatusCode(from) << " -> " << UnitStatusCode(to);
            EXPECT_EQ(CheckTransition(from, to).has_value(), expected);
            count += expected ? 1 : 0;
        }
    }
    EXPECT_EQ(count, 10);
}

TEST(UnitTransitions, SameStatusIsRejected) {
    for (UnitStatus s : kAllStatuses) {
        EXPECT_FALSE(CanTransition(s, s));
        auto status = CheckTransition(s, s);
        ASSERT_FALSE(status.has_value());
        EXPECT_EQ(status.error().code, ErrorCode::kConflict);
        EXPECT_NE(status.error().message.find("already"), std::string::npos);
    }
}

TEST(UnitTransitions, ErrorNamesBothStatuses) {
    auto status = CheckTransition(UnitStatus::kAvailable, UnitStatus::kOnScene);
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().code, ErrorCode::kConflict);
    EXPECT_EQ(status.error().field, "status");
    EXPECT_NE(status.error().message.find("'available'"), std::string::npos);
    EXPECT_NE(status.error().message.find("'on_scene'"), std::string::npos);
}

TEST(UnitTransitions, CommittedUnitsCannotGoOutOfService) {
    for (UnitStatus s : {UnitStatus::kDispatched, UnitStatus::kEnRoute, UnitStatus::kOnScene}) {
        EXPECT_TRUE(IsCommitted(s));
        auto status = CheckTransition(s, UnitStatus::kOutOfService);
        ASSERT_FALSE(status.has_value());
        EXPECT_NE(status.error().message.find("committed"), std::string::npos);
    }
    EXPECT_FALSE(IsCommitted(UnitStatus::kAvailable));
    EXPECT_FALSE(IsCommitted(UnitStatus::kClearing));
    EXPECT_FALSE(IsCommitted(UnitStatus::kOutOfService));
    EXPECT_TRUE(IsAssignable(UnitStatus::kAvailable));
    EXPECT_FALSE(IsAssignable(UnitStatus::kClearing));
}

TEST(UnitTransitions, AllowedTransitionsListsInEnumOrder) {
    EXPECT_EQ(AllowedTransitions(UnitStatus::kDispatched),
              (std::vector<UnitStatus>{UnitStatus::kAvailable, UnitStatus::kEnRoute}));
    EXPECT_EQ(AllowedTransitions(UnitStatus::kOnScene), (std::vector<UnitStatus>{UnitStatus::kClearing}));
    EXPECT_EQ(AllowedTransitions(UnitStatus::kOutOfService), (std::vector<UnitStatus>{UnitStatus::kAvailable}));
}

TEST(Capabilities, SetOperations) {
    Capabilities caps{Capability::kPolice, Capability::kFirstAid};
    EXPECT_TRUE(caps.Has(Capability::kPolice));
    EXPECT_FALSE(caps.Has(Capability::kTraffic));
    EXPECT_EQ(caps.size(), 2u);
    EXPECT_TRUE(caps.HasAll({Capability::kPolice}));
    EXPECT_TRUE(caps.HasAll({}));
    EXPECT_FALSE(caps.HasAll({Capability::kPolice, Capability::kLadder}));
    EXPECT_EQ(caps.Missing({Capability::kPolice, Capability::kLadder}), Capabilities{Capability::kLadder});
    caps.Remove(Capability::kPolice).Add(Capability::kHazmat);
    EXPECT_EQ(caps, (Capabilities{Capability::kHazmat, Capability::kFirstAid}));
    EXPECT_TRUE(Capabilities{}.empty());
    EXPECT_EQ(Capabilities::FromBits(0xFFFFFFFFu).size(), kAllCapabilities.size());
    EXPECT_EQ((Capabilities{Capability::kPolice} | Capabilities{Capability::kTraffic}).size(), 2u);
}

TEST(Capabilities, CodesRoundTrip) {
    std::set<std::string_view> codes;
    for (Capability c : kAllCapabilities) {
        EXPECT_EQ(ParseCapability(CapabilityCode(c)), c);
        codes.insert(CapabilityCode(c));
        EXPECT_FALSE(CapabilityLabelVi(c).empty());
        EXPECT_FALSE(CapabilityLabelEn(c).empty());
    }
    EXPECT_EQ(codes.size(), kAllCapabilities.size());
    EXPECT_EQ(codes, (std::set<std::string_view>{"police", "traffic", "fire_suppression", "ladder", "rescue", "hazmat",
                                                 "water_rescue", "first_aid"}));
    EXPECT_FALSE(ParseCapability("Police").has_value());
}

TEST(Capabilities, ParseAndFormatLists) {
    auto caps = ParseCapabilities({"first_aid", "police", "police"});
    ASSERT_TRUE(caps.has_value());
    EXPECT_EQ(FormatCapabilities(*caps), (std::vector<std::string>{"police", "first_aid"}));
    EXPECT_EQ(JoinCapabilityLabelsEn(*caps), "police, first aid");
    EXPECT_EQ(JoinCapabilityLabelsVi(*caps), "cảnh sát, sơ cứu");
    EXPECT_TRUE(ParseCapabilities({})->empty());

    auto bad = ParseCapabilities({"police", "swimming"});
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(bad.error().field, "capabilities");
    EXPECT_NE(bad.error().message.find("'swimming'"), std::string::npos);
    EXPECT_FALSE(ParseCapabilities({""}).has_value());
}

TEST(Capabilities, DefaultsPerKind) {
    using C = Capability;
    EXPECT_EQ(DefaultCapabilities(UnitKind::kPatrolCar), (Capabilities{C::kPolice, C::kTraffic, C::kFirstAid}));
    EXPECT_EQ(DefaultCapabilities(UnitKind::kMotorbike), (Capabilities{C::kPolice, C::kTraffic}));
    EXPECT_EQ(DefaultCapabilities(UnitKind::kFireEngine),
              (Capabilities{C::kFireSuppression, C::kRescue, C::kFirstAid}));
    EXPECT_EQ(DefaultCapabilities(UnitKind::kLadder), (Capabilities{C::kFireSuppression, C::kLadder, C::kRescue}));
    EXPECT_EQ(DefaultCapabilities(UnitKind::kRescue),
              (Capabilities{C::kRescue, C::kWaterRescue, C::kHazmat, C::kFirstAid}));
}

TEST(Capabilities, RequiredPerCategoryIsCoveredBySomeKind) {
    using C = Capability;
    EXPECT_EQ(RequiredCapabilities(Category::kCrimeViolent), Capabilities{C::kPolice});
    EXPECT_EQ(RequiredCapabilities(Category::kCyberFraud), Capabilities{C::kPolice});
    EXPECT_EQ(RequiredCapabilities(Category::kChildProtection), Capabilities{C::kPolice});
    EXPECT_EQ(RequiredCapabilities(Category::kInfo), Capabilities{C::kPolice});
    EXPECT_EQ(RequiredCapabilities(Category::kTraffic), Capabilities{C::kTraffic});
    EXPECT_EQ(RequiredCapabilities(Category::kFire), Capabilities{C::kFireSuppression});
    EXPECT_EQ(RequiredCapabilities(Category::kRescue), Capabilities{C::kRescue});
    EXPECT_EQ(RequiredCapabilities(Category::kDisaster), Capabilities{C::kRescue});
    EXPECT_EQ(RequiredCapabilities(Category::kMedical), Capabilities{C::kFirstAid});
    for (Category c : kAllCategories) {
        EXPECT_FALSE(RequiredCapabilities(c).empty()) << CategoryCode(c);
        bool covered = false;
        for (UnitKind k : {UnitKind::kPatrolCar, UnitKind::kMotorbike, UnitKind::kFireEngine, UnitKind::kLadder,
                           UnitKind::kRescue}) {
            covered = covered || DefaultCapabilities(k).HasAll(RequiredCapabilities(c));
        }
        EXPECT_TRUE(covered) << CategoryCode(c);
    }
}

TEST(LeadAgency, FollowsTheSpecTable) {
    EXPECT_EQ(LeadLine(Category::kCrimeViolent), Line::k113);
    EXPECT_EQ(LeadLine(Category::kTraffic), Line::k113);
    EXPECT_EQ(LeadLine(Category::kFire), Line::k114);
    EXPECT_EQ(LeadLine(Category::kRescue), Line::k114);
    EXPECT_EQ(LeadLine(Category::kMedical), Line::k115);
    EXPECT_EQ(LeadLine(Category::kDisaster), Line::k112);
    EXPECT_EQ(LeadLine(Category::kChildProtection), Line::k111);
    EXPECT_TRUE(LeadAgencyIsHere(Category::kCyberFraud));
    EXPECT_TRUE(LeadAgencyIsHere(Category::kFire));
    EXPECT_FALSE(LeadAgencyIsHere(Category::kMedical));
    EXPECT_FALSE(LeadAgencyIsHere(Category::kChildProtection));
    EXPECT_EQ(SupportingLines(Category::kFire), (std::vector<Line>{Line::k113, Line::k115}));
    EXPECT_EQ(SupportingLines(Category::kChildProtection), (std::vector<Line>{Line::k113}));
    EXPECT_TRUE(SupportingLines(Category::kCrimeProperty).empty());
    for (Category c : kAllCategories) {
        for (Line l : SupportingLines(c)) EXPECT_NE(l, LeadLine(c)) << CategoryCode(c);
    }
}

}  // namespace
}  // namespace precinct::dispatch
