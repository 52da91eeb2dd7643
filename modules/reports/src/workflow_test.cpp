// Tests for the report workflow: the transition table, the details a change needs and the Open311 mapping.
#include "workflow.hpp"

#include <gtest/gtest.h>

#include <set>
#include <utility>

namespace precinct::reports {
namespace {

using S = ReportStatus;

TEST(ReportTransitions, ExactlyTheDocumentedGraph) {
    const std::set<std::pair<S, S>> allowed = {
        {S::kReceived, S::kAccepted},   {S::kReceived, S::kRejected},    {S::kReceived, S::kForwarded},
        {S::kAccepted, S::kInProgress}, {S::kAccepted, S::kForwarded},   {S::kAccepted, S::kRejected},
        {S::kInProgress, S::kResolved}, {S::kInProgress, S::kForwarded}, {S::kForwarded, S::kAccepted},
        {S::kForwarded, S::kClosed},    {S::kResolved, S::kClosed},      {S::kResolved, S::kInProgress},
        {S::kRejected, S::kClosed},
    };
    int count = 0;
    for (S from : kAllReportStatuses) {
        for (S to : kAllReportStatuses) {
            const bool expected = allowed.count({from, to}) > 0;
            EXPECT_EQ(CanTransition(from, to), expected) << ReportStatusCode(from) << " -> " << ReportStatusCode(to);
            EXPECT_EQ(CheckTransition(from, to).has_value(), expected);
            count += expected ? 1 : 0;
        }
    }
    EXPECT_EQ(count, 13);
}

TEST(ReportTransitions, AllowedTransitionsFollowTheTable) {
    EXPECT_EQ(AllowedTransitions(S::kReceived), (std::vector<S>{S::kAccepted, S::kForwarded, S::kRejected}));
    EXPECT_EQ(AllowedTransitions(S::kResolved), (std::vector<S>{S::kInProgress, S::kClosed}));
    EXPECT_TRUE(AllowedTransitions(S::kClosed).empty());
    for (S s : kAllReportStatuses) EXPECT_EQ(IsTerminal(s), s == S::kClosed);
}

TEST(ReportTransitions, ErrorNamesBothStatuses) {
    auto status = CheckTransition(S::kReceived, S::kResolved);
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().code, ErrorCode::kConflict);
    EXPECT_EQ(status.error().field, "status");
    EXPECT_NE(status.error().message.find("'received'"), std::string::npos);
    EXPECT_NE(status.error().message.find("'resolved'"), std::string::npos);
    EXPECT_NE(status.error().message.find("allowed: accepted, forwarded, rejected"), std::string::npos)
        << status.error().message;
}

TEST(ReportTransitions, SameStatusAndClosedAreExplained) {
    for (S s : kAllReportStatuses) {
        auto status = CheckTransition(s, s);
        ASSERT_FALSE(status.has_value());
        EXPECT_NE(status.error().message.find("already"), std::string::npos);
    }
    auto status = CheckTransition(S::kClosed, S::kInProgress);
    ASSERT_FALSE(status.has_value());
    EXPECT_NE(status.error().message.find("closed"), std::string::npos);
}

TEST(ReportChange, RejectionNeedsAReason) {
    auto status = CheckChange(S::kReceived, S::kRejected, {});
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(status.error().field, "reason");
    EXPECT_FALSE(CheckChange(S::kReceived, S::kRejected, {" \t\n ", ""}).has_value());
    EXPECT_TRUE(CheckChange(S::kReceived, S::kRejected, {"Không thuộc thẩm quyền của Công an", ""}).has_value());
    EXPECT_TRUE(CheckChange(S::kAccepted, S::kRejected, {"Thiếu thông tin địa điểm", ""}).has_value());
}

TEST(ReportChange, ForwardingNeedsATarget) {
    auto status = CheckChange(S::kAccepted, S::kForwarded, {"outside our area", ""});
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().field, "forwarded_to");
    EXPECT_TRUE(CheckChange(S::kAccepted, S::kForwarded, {"", "UBND phường Hoàn Kiếm"}).has_value());
}

TEST(ReportChange, TransitionIsCheckedFirstAndLengthsAreBounded) {
    auto status = CheckChange(S::kClosed, S::kRejected, {"late", ""});
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().code, ErrorCode::kConflict);

    const std::string long_reason(kMaxReasonLength + 1, 'x');
    status = CheckChange(S::kReceived, S::kRejected, {long_reason, ""});
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().field, "reason");
    EXPECT_TRUE(CheckChange(S::kReceived, S::kRejected, {std::string(kMaxReasonLength, 'x'), ""}).has_value());

    status = CheckChange(S::kReceived, S::kForwarded, {"", std::string(kMaxForwardedToLength + 1, 'y')});
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().field, "forwarded_to");

    // Other changes need no details.
    EXPECT_TRUE(CheckChange(S::kReceived, S::kAccepted, {}).has_value());
    EXPECT_TRUE(CheckChange(S::kResolved, S::kInProgress, {}).has_value());
}

TEST(ReportStatusCodes, RoundTripAndLabels) {
    std::set<std::string_view> codes, vi, en;
    for (S s : kAllReportStatuses) {
        EXPECT_EQ(ParseReportStatus(ReportStatusCode(s)), s);
        codes.insert(ReportStatusCode(s));
        vi.insert(ReportStatusLabelVi(s));
        en.insert(ReportStatusLabelEn(s));
    }
    EXPECT_EQ(codes.size(), kAllReportStatuses.size());
    EXPECT_EQ(vi.size(), kAllReportStatuses.size());
    EXPECT_EQ(en.size(), kAllReportStatuses.size());
    EXPECT_EQ(ReportStatusCode(S::kInProgress), "in_progress");
    EXPECT_EQ(ReportStatusLabelVi(S::kReceived), "Đã tiếp nhận");
    EXPECT_FALSE(ParseReportStatus("Received").has_value());
    EXPECT_FALSE(ParseReportStatus("").has_value());
    EXPECT_FALSE(ParseReportStatus("open").has_value());
}

TEST(Open311, StatusMapsToOpenOrClosed) {
    EXPECT_EQ(Open311Status(S::kReceived), "open");
    EXPECT_EQ(Open311Status(S::kAccepted), "open");
    EXPECT_EQ(Open311Status(S::kInProgress), "open");
    EXPECT_EQ(Open311Status(S::kForwarded), "open");
    EXPECT_EQ(Open311Status(S::kResolved), "closed");
    EXPECT_EQ(Open311Status(S::kRejected), "closed");
    EXPECT_EQ(Open311Status(S::kClosed), "closed");
}

TEST(Open311, StatusNotesAreBilingualAndCarryTheDetail) {
    for (S s : kAllReportStatuses) {
        EXPECT_FALSE(DefaultStatusNotesVi(s).empty());
        EXPECT_FALSE(DefaultStatusNotesEn(s).empty());
        EXPECT_NE(DefaultStatusNotesVi(s), DefaultStatusNotesEn(s));
        EXPECT_EQ(Open311StatusNotes(s),
                  std::string(DefaultStatusNotesVi(s)) + " / " + std::string(DefaultStatusNotesEn(s)));
    }
    EXPECT_EQ(Open311StatusNotes(S::kRejected, "  Không đủ thông tin \n"),
              "Phản ánh không được thụ lý. / Your report was not accepted. Lý do / Reason: Không đủ thông tin");
    EXPECT_NE(Open311StatusNotes(S::kForwarded, "UBND phường").find("Chuyển đến / Forwarded to: UBND phường"),
              std::string::npos);
    EXPECT_NE(Open311StatusNotes(S::kResolved, "Đã nhắc nhở").find("Ghi chú / Note: Đã nhắc nhở"), std::string::npos);
    EXPECT_EQ(Open311StatusNotes(S::kResolved, "   "), Open311StatusNotes(S::kResolved));
}

}  // namespace
}  // namespace precinct::reports
