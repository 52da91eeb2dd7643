#pragma once
// The life of a citizen report: its statuses, which changes between them are allowed, what each change must carry
// (a rejection needs a reason the citizen sees, a forwarding needs the unit or agency it goes to), the labels shown
// to people, and the mapping to Open311 GeoReport v2, which knows only "open" and "closed" plus free status_notes.
// Pure functions, no storage.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace precinct::reports {

enum class ReportStatus {
    kReceived,    // filed, not yet looked at
    kAccepted,    // a unit accepted to handle it
    kInProgress,  // being handled
    kForwarded,   // sent to another unit or agency
    kResolved,    // handled; the citizen was answered
    kRejected,    // not accepted (out of scope, not enough information, ...); carries a reason
    kClosed,      // final; nothing more happens
};

inline constexpr std::array kAllReportStatuses = {
    ReportStatus::kReceived, ReportStatus::kAccepted, ReportStatus::kInProgress, ReportStatus::kForwarded,
    ReportStatus::kResolved, ReportStatus::kRejected, ReportStatus::kClosed,
};

std::string_view ReportStatusCode(ReportStatus s);  // "received", "accepted", "in_progress", "forwarded", ...
std::optional<ReportStatus> ParseReportStatus(std::string_view code);
std::string_view ReportStatusLabelVi(ReportStatus s);  // "Đã tiếp nhận", "Đang xử lý", ...
std::string_view ReportStatusLabelEn(ReportStatus s);  // "Received", "In progress", ...

// ---- transitions ----
// Allowed changes (same status to same status is never a transition):
//   received    -> accepted | rejected | forwarded
//   accepted    -> in_progress | forwarded | rejected
//   in_progress -> resolved | forwarded
//   forwarded   -> accepted (taken back) | closed
//   resolved    -> closed | in_progress (reopened)
//   rejected    -> closed
//   closed      -> (none: terminal)
bool CanTransition(ReportStatus from, ReportStatus to);
// Ok, or ErrorCode::kConflict (field "status") with a message naming both statuses by code.
Status CheckTransition(ReportStatus from, ReportStatus to);
// The statuses reachable from `from` in one step, in enum order.
std::vector<ReportStatus> AllowedTransitions(ReportStatus from);
// Only closed.
bool IsTerminal(ReportStatus s);

// What a status change carries besides the new status.
struct TransitionDetails {
    std::string reason;        // shown to the citizen; required for rejected
    std::string forwarded_to;  // the unit or agency; required for forwarded
};

inline constexpr std::size_t kMaxReasonLength = 2000;  // bytes of UTF-8
inline constexpr std::size_t kMaxForwardedToLength = 200;

// CheckTransition, then the details: a change to rejected needs a reason that is not blank (field "reason"), a
// change to forwarded needs `forwarded_to` that is not blank (field "forwarded_to"); both are refused over their
// maximum lengths. Those errors are kInvalidArgument.
Status CheckChange(ReportStatus from, ReportStatus to, const TransitionDetails& details);

// ---- Open311 ----
// "open" for received, accepted, in_progress, forwarded; "closed" for resolved, rejected, closed.
std::string_view Open311Status(ReportStatus s);
// Default status_notes for a status, one sentence per language.
std::string_view DefaultStatusNotesVi(ReportStatus s);
std::string_view DefaultStatusNotesEn(ReportStatus s);
// The bilingual status_notes: "<vi> / <en>", then, when `detail` is not blank, " <label>: <detail>" with the
// label "Lý do / Reason" for rejected, "Chuyển đến / Forwarded to" for forwarded and "Ghi chú / Note" otherwise.
// `detail` is trimmed of surrounding white space.
std::string Open311StatusNotes(ReportStatus s, std::string_view detail = {});

}  // namespace precinct::reports
