// Report statuses: codes, labels, the transition table and the Open311 mapping.
#include "workflow.hpp"

#include <utility>

namespace precinct::reports {
namespace {

struct StatusInfo {
    ReportStatus status;
    std::string_view code;
    std::string_view label_vi;
    std::string_view label_en;
    std::string_view open311;
    std::string_view notes_vi;
    std::string_view notes_en;
};

constexpr std::array<StatusInfo, kAllReportStatuses.size()> kStatusInfo = {{
    {ReportStatus::kReceived, "received", "Đã tiếp nhận", "Received", "open",
     "Phản ánh đã được tiếp nhận và đang chờ phân loại.", "Your report has been received and is awaiting review."},
    {ReportStatus::kAccepted, "accepted", "Đã thụ lý", "Accepted", "open",
     "Phản ánh đã được thụ lý và giao cho đơn vị xử lý.", "Your report has been accepted and assigned to a unit."},
    {ReportStatus::kInProgress, "in_progress", "Đang xử lý", "In progress", "open", "Đơn vị đang xử lý phản ánh.",
     "The unit is handling your report."},
    {ReportStatus::kForwarded, "forwarded", "Đã chuyển đơn vị khác", "Forwarded", "open",
     "Phản ánh đã được chuyển đến đơn vị hoặc cơ quan có thẩm quyền.",
     "Your report has been forwarded to the competent unit or agency."},
    {ReportStatus::kResolved, "resolved", "Đã giải quyết", "Resolved", "closed", "Phản ánh đã được giải quyết.",
     "Your report has been resolved."},
    {ReportStatus::kRejected, "rejected", "Không thụ lý", "Rejected", "closed", "Phản ánh không được thụ lý.",
     "Your report was not accepted."},
    {ReportStatus::kClosed, "closed", "Đã đóng", "Closed", "closed", "Hồ sơ phản ánh đã đóng.",
     "The report is closed."},
}};

const StatusInfo& InfoOf(ReportStatus s) {
    for (const auto& info : kStatusInfo) {
        if (info.status == s) return info;
    }
    return kStatusInfo.front();
}

std::string_view Trim(std::string_view text) {
    constexpr std::string_view kSpace = " \t\r\n\v\f";
    const auto begin = text.find_first_not_of(kSpace);
    if (begin == std::string_view::npos) return {};
    const auto end = text.find_last_not_of(kSpace);
    return text.substr(begin, end - begin + 1);
}

}  // namespace

std::string_view ReportStatusCode(ReportStatus s) { return InfoOf(s).code; }
std::string_view ReportStatusLabelVi(ReportStatus s) { return InfoOf(s).label_vi; }
std::string_view ReportStatusLabelEn(ReportStatus s) { return InfoOf(s).label_en; }

std::optional<ReportStatus> ParseReportStatus(std::string_view code) {
    for (const auto& info : kStatusInfo) {
        if (info.code == code) return info.status;
    }
    return std::nullopt;
}

// ---- transitions ----

bool CanTransition(ReportStatus from, ReportStatus to) {
    using S = ReportStatus;
    if (from == to) return false;
    switch (from) {
        case S::kReceived: return to == S::kAccepted || to == S::kRejected || to == S::kForwarded;
        case S::kAccepted: return to == S::kInProgress || to == S::kForwarded || to == S::kRejected;
        case S::kInProgress: return to == S::kResolved || to == S::kForwarded;
        case S::kForwarded: return to == S::kAccepted || to == S::kClosed;
        case S::kResolved: return to == S::kClosed || to == S::kInProgress;
        case S::kRejected: return to == S::kClosed;
        case S::kClosed: return false;
    }
    return false;
}

Status CheckTransition(ReportStatus from, ReportStatus to) {
    if (CanTransition(from, to)) return Ok();
    std::string message = "report status cannot change from '" + std::string(ReportStatusCode(from)) + "' to '" +
                          std::string(ReportStatusCode(to)) + "'";
    if (from == to) {
        message += ": it is already '" + std::string(ReportStatusCode(to)) + "'";
    } else if (IsTerminal(from)) {
        message += ": the report is closed";
    } else {
        message += "; allowed: ";
        bool first = true;
        for (ReportStatus next : AllowedTransitions(from)) {
            if (!first) message += ", ";
            message += ReportStatusCode(next);
            first = false;
        }
    }
    return Fail(ErrorCode::kConflict, std::move(message), "status");
}

std::vector<ReportStatus> AllowedTransitions(ReportStatus from) {
    std::vector<ReportStatus> out;
    for (ReportStatus to : kAllReportStatuses) {
        if (CanTransition(from, to)) out.push_back(to);
    }
    return out;
}

bool IsTerminal(ReportStatus s) { return s == ReportStatus::kClosed; }

Status CheckChange(ReportStatus from, ReportStatus to, const TransitionDetails& details) {
    if (auto status = CheckTransition(from, to); !status) return status;
    if (details.reason.size() > kMaxReasonLength) {
        return Fail(ErrorCode::kInvalidArgument,
                    "reason: must be at most " + std::to_string(kMaxReasonLength) + " bytes", "reason");
    }
    if (details.forwarded_to.size() > kMaxForwardedToLength) {
        return Fail(ErrorCode::kInvalidArgument,
                    "forwarded_to: must be at most " + std::to_string(kMaxForwardedToLength) + " bytes",
                    "forwarded_to");
    }
    if (to == ReportStatus::kRejected && Trim(details.reason).empty()) {
        return Fail(ErrorCode::kInvalidArgument, "reason: a rejection needs a reason that the citizen will see",
                    "reason");
    }
    if (to == ReportStatus::kForwarded && Trim(details.forwarded_to).empty()) {
        return Fail(ErrorCode::kInvalidArgument, "forwarded_to: name the unit or agency the report goes to",
                    "forwarded_to");
    }
    return Ok();
}

// ---- Open311 ----

std::string_view Open311Status(ReportStatus s) { return InfoOf(s).open311; }
std::string_view DefaultStatusNotesVi(ReportStatus s) { return InfoOf(s).notes_vi; }
std::string_view DefaultStatusNotesEn(ReportStatus s) { return InfoOf(s).notes_en; }

std::string Open311StatusNotes(ReportStatus s, std::string_view detail) {
    std::string out(DefaultStatusNotesVi(s));
    out += " / ";
    out += DefaultStatusNotesEn(s);
    detail = Trim(detail);
    if (!detail.empty()) {
        switch (s) {
            case ReportStatus::kRejected: out += " Lý do / Reason: "; break;
            case ReportStatus::kForwarded: out += " Chuyển đến / Forwarded to: "; break;
            default: out += " Ghi chú / Note: "; break;
        }
        out += detail;
    }
    return out;
}

}  // namespace precinct::reports
